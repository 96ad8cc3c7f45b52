package org.cogateway.inbound;

import java.util.List;
import org.cogateway.as4.PayloadRejectedException;
import org.cogateway.contract.exchange.CertificateIdType;
import org.cogateway.partner.Partner;
import org.cogateway.store.CertificateEntity;
import org.cogateway.store.CertificateRepository;
import org.hibernate.Session;

/** The certificate an answer from the importing side is about: issued here and sent to that partner. */
final class AnsweredCertificate {
    private AnsweredCertificate() {
    }

    static void requireIssuedHere(CertificateIdType id, String ownCountry, Partner partner) throws PayloadRejectedException {
        if (!ownCountry.equals(id.getIssuingCountry())) {
            throw new PayloadRejectedException(List.of("an answer from " + partner.id()
                    + " can only concern certificates issued in " + ownCountry));
        }
    }

    static CertificateEntity find(Session s, CertificateRepository certificates, CertificateIdType id, Partner partner) {
        return certificates.find(s, CertificateEntity.Direction.OUTBOUND, id.getIssuingCountry(), id.getCertificateNumber(),
                        id.getVersion())
                .filter(c -> c.partnerId().equals(partner.id()))
                .orElseThrow(() -> new DocumentReceiver.Refused("UNKNOWN_CERTIFICATE: certificate "
                        + id.getCertificateNumber() + " version " + id.getVersion() + " was not sent to " + partner.id()));
    }
}
