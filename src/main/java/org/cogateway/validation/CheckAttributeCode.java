package org.cogateway.validation;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A code held in an attribute of each goods item, checked against a code list: the currency of the FOB value
 * (UNKNOWN_CURRENCY) and the unit of the quantity (UNKNOWN_UNIT) are the same check with different lists.
 */
final class CheckAttributeCode implements CertificateRule {

    private final String element;
    private final String attribute;
    private final Pattern shape;
    private final Predicate<String> known;
    private final String findingCode;
    private final String listName;

    /**
     * @param shape the form the schema requires; values of another form are left to the schema's finding
     */
    CheckAttributeCode(String element, String attribute, Pattern shape, Predicate<String> known,
                       String findingCode, String listName) {
        this.element = element;
        this.attribute = attribute;
        this.shape = shape;
        this.known = known;
        this.findingCode = findingCode;
        this.listName = listName;
    }

    static CheckAttributeCode currencies(CodeLists codeLists) {
        return new CheckAttributeCode("FobValue", "currency", Pattern.compile("[A-Z]{3}"), codeLists::isCurrency,
                "UNKNOWN_CURRENCY", "an ISO 4217 currency code");
    }

    static CheckAttributeCode units(CodeLists codeLists) {
        return new CheckAttributeCode("Quantity", "unit", Pattern.compile("[0-9A-Z]{2,3}"), codeLists::isUnit,
                "UNKNOWN_UNIT", "a UN/ECE Recommendation 20 unit code in codelists/units.txt");
    }

    @Override
    public void check(CertificateView certificate, ValidationContext context, FindingCollector findings) {
        for (Element holder : certificate.all("GoodsItem", element)) {
            Attr code = holder.getAttributeNode(attribute);
            if (code != null && shape.matcher(code.getValue()).matches() && !known.test(code.getValue())) {
                findings.severe(findingCode, code, element + "/@" + attribute + " '" + code.getValue()
                        + "' is not " + listName);
            }
        }
    }
}
