package org.cogateway.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cogateway.contract.co.CertificateOfOriginType;
import org.cogateway.contract.co.GoodsItemType;

/**
 * The valid JP-to-ID sample CO packaged in the jar (samples/certificates/), as the demo and the
 * benchmark submit it.
 */
public final class SampleCertificate {
    public static final String RESOURCE = "samples/certificates/valid-jiepa-jp-to-id.xml";

    private SampleCertificate() {
    }

    /** The sample's XML as packaged. */
    public static String xml() {
        try (InputStream in = SampleCertificate.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CertificateOfOriginType read(CertificateDocuments documents) {
        return documents.certificateFromXml(xml());
    }

    /**
     * The sample with {@code items} goods items: its own items repeated in turn, numbered 1, 2, 3 ...
     * so that the CO stays valid (item numbers are unique, each item still cites one of its invoices).
     */
    public static CertificateOfOriginType withItems(CertificateDocuments documents, int items) {
        if (items < 1) {
            throw new IllegalArgumentException("a CO has at least one goods item, not " + items);
        }
        CertificateOfOriginType co = read(documents);
        List<GoodsItemType> own = List.copyOf(co.getGoodsItem());
        co.getGoodsItem().clear();
        for (int i = 0; i < items; i++) {
            // a fresh copy per item: JAXB objects are mutable and the item number differs
            GoodsItemType item = read(documents).getGoodsItem().get(i % own.size());
            item.setItemNumber(i + 1);
            co.getGoodsItem().add(item);
        }
        return co;
    }
}
