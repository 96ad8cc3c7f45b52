package org.cogateway.validation;

import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import java.time.Clock;
import java.util.List;

/**
 * The validation capability's entry point: checks a Certificate of Origin against the schema, the code lists and
 * the business rules, and reports every problem found rather than stopping at the first. Both the back-office
 * service (which marshals its JAXB object to DOM) and the AS4 receiver (which parses the payload) call it.
 * Thread-safe: it holds only immutable state.
 */
public final class CertificateValidator {

    private final SchemaCheck schemaCheck = new SchemaCheck();
    private final SecureXmlParser parser = new SecureXmlParser();
    private final List<CertificateRule> rules;

    /**
     * @param clock decides what "today" is for DATE_IN_FUTURE; injected so tests and operators control time
     */
    public CertificateValidator(CodeLists codeLists, Clock clock) {
        // findings on the same element come in this order: first whether a code exists, then how codes relate
        this.rules = List.of(
                new CheckCountryCodes(codeLists),
                CheckAttributeCode.units(codeLists),
                CheckAttributeCode.currencies(codeLists),
                new CheckAgreement(codeLists),
                new CheckRoute(),
                new CheckPorts(codeLists),
                new CheckStatus(),
                new CheckInvoiceReferences(),
                new CheckItemNumbers(),
                new CheckDatesNotInFuture(clock),
                new CheckDateSequence());
    }

    /**
     * @param certificateOfOrigin the {urn:cogateway:certificate-of-origin:1}CertificateOfOrigin element of a
     *                            namespace-aware DOM; it may sit inside a larger document
     */
    public ValidationReport validate(Element certificateOfOrigin, ValidationContext context) {
        FindingCollector findings = new FindingCollector(certificateOfOrigin);
        schemaCheck.check(certificateOfOrigin, findings);
        CertificateView certificate = new CertificateView(certificateOfOrigin);
        for (CertificateRule rule : rules) {
            rule.check(certificate, context, findings);
        }
        return findings.report();
    }

    /** Parses the XML securely first; XML that cannot be parsed is reported as NOT_WELL_FORMED, not thrown. */
    public ValidationReport validate(byte[] xml, ValidationContext context) {
        try {
            return validate(parser.parse(xml).getDocumentElement(), context);
        } catch (SAXException e) {
            return new ValidationReport(List.of(new Finding(Severity.SEVERE, "NOT_WELL_FORMED", "/", describe(e))));
        }
    }

    private static String describe(SAXException e) {
        return e instanceof SAXParseException parse
                ? "line " + parse.getLineNumber() + ", column " + parse.getColumnNumber() + ": " + e.getMessage()
                : e.getMessage();
    }
}
