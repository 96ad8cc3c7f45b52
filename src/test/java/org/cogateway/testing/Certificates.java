package org.cogateway.testing;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.nio.file.Path;
import javax.xml.transform.stream.StreamSource;
import org.cogateway.contract.co.CertificateOfOriginType;
import org.cogateway.contract.co.InvoiceType;
import org.cogateway.contract.co.ObjectFactory;
import org.cogateway.contract.co.CertificateReferenceType;

/** Certificates for the end-to-end tests, all derived from the valid sample so they stay valid with it. */
public final class Certificates {
    public static final Path VALID = Path.of("samples", "certificates", "valid-jiepa-jp-to-id.xml");
    public static final String INVOICE_1 = "MIT-INV-2026-1108";
    public static final String INVOICE_2 = "MIT-INV-2026-1112";
    private static final JAXBContext JAXB = jaxb();

    private Certificates() {
    }

    /** The valid JP-to-ID sample under another number, so each test has its own certificate. */
    public static CertificateOfOriginType outbound(String number) {
        CertificateOfOriginType co = sample();
        co.setCertificateNumber(number);
        return co;
    }

    /** Version {@code version} of {@code number}, replacing the version before it. */
    public static CertificateOfOriginType replacement(String number, int version, String reason) {
        CertificateOfOriginType co = outbound(number);
        co.setVersion(version);
        CertificateReferenceType replaces = new CertificateReferenceType();
        replaces.setCertificateNumber(number);
        replaces.setVersion(version - 1);
        replaces.setReason(reason);
        co.setReplaces(replaces);
        return co;
    }

    /**
     * A certificate Indonesia issued for goods going to Japan, as the partner gateway would send it:
     * invoices {@code INV-<number>-A} and {@code -B}; item 1 is 800 H87, item 2 96.35 TNE, item 3 2 C62.
     */
    public static CertificateOfOriginType inbound(String number) {
        CertificateOfOriginType co = sample();
        co.setCertificateNumber(number);
        co.setExportCountry("ID");
        co.setImportCountry("JP");
        co.getTransport().setPortOfLoading("IDTPP");
        co.getTransport().setPortOfDischarge("JPYOK");
        InvoiceType a = co.getInvoice().get(0);
        InvoiceType b = co.getInvoice().get(1);
        a.setNumber(invoiceA(number));
        b.setNumber(invoiceB(number));
        co.getGoodsItem().get(0).setInvoiceReference(a.getNumber());
        co.getGoodsItem().get(1).setInvoiceReference(a.getNumber());
        co.getGoodsItem().get(2).setInvoiceReference(b.getNumber());
        return co;
    }

    public static String invoiceA(String number) {
        return "INV-" + number + "-A";
    }

    public static String invoiceB(String number) {
        return "INV-" + number + "-B";
    }

    public static CertificateOfOriginType sample() {
        return read(VALID);
    }

    public static CertificateOfOriginType read(Path file) {
        try {
            return JAXB.createUnmarshaller().unmarshal(new StreamSource(file.toFile()), CertificateOfOriginType.class)
                    .getValue();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private static JAXBContext jaxb() {
        try {
            return JAXBContext.newInstance(ObjectFactory.class);
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }
}
