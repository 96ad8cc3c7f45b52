package org.cogateway.inbound;

import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cogateway.as4.PayloadRejectedException;
import org.cogateway.contract.exchange.DrawType;
import org.cogateway.contract.exchange.UtilisationNotice;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.document.DocumentKind;
import org.cogateway.partner.Partner;
import org.cogateway.store.CertificateAnswerEntity;
import org.cogateway.store.CertificateEntity;
import org.cogateway.store.CertificateRepository;
import org.cogateway.store.GoodsBalanceEntity;
import org.cogateway.store.InboundMessageEntity;

/**
 * An import declaration in the partner's country drew on a certificate issued here: the notice is
 * kept for the issuing body and the draws are added to the certificate's balances here, so both
 * sides show the same remaining quantities whatever order notices arrive in.
 */
public final class ReceiveUtilisation implements DocumentReceiver {
    private final CertificateDocuments documents;
    private final CertificateRepository certificates;
    private final String ownCountry;
    private final Clock clock;

    public ReceiveUtilisation(CertificateDocuments documents, CertificateRepository certificates, String ownCountry,
                              Clock clock) {
        this.documents = documents;
        this.certificates = certificates;
        this.ownCountry = ownCountry;
        this.clock = clock;
    }

    @Override
    public Effect read(Partner partner, byte[] payload) throws PayloadRejectedException {
        UtilisationNotice notice = Exchange.parse(documents, payload, UtilisationNotice.class);
        AnsweredCertificate.requireIssuedHere(notice.getCertificate(), ownCountry, partner);
        String xml = documents.toXml(notice);
        return (s, message) -> {
            CertificateEntity c = AnsweredCertificate.find(s, certificates, notice.getCertificate(), partner);
            Map<Integer, GoodsBalanceEntity> balances = certificates.balancesForUpdate(s, c.id()).stream()
                    .collect(Collectors.toMap(GoodsBalanceEntity::itemNumber, Function.identity()));
            for (DrawType draw : notice.getDraw()) {
                GoodsBalanceEntity b = balances.get(draw.getItemNumber());
                if (b == null || !b.unit().equals(draw.getQuantity().getUnit())) {
                    throw new Refused("UNKNOWN_ITEM: certificate " + c.certificateNumber() + " has no item "
                            + draw.getItemNumber() + " in " + draw.getQuantity().getUnit());
                }
                b.recordDrawElsewhere(draw.getQuantity().getValue());
            }
            s.persist(new CertificateAnswerEntity(c.id(), DocumentKind.UTILISATION, clock.instant(), xml));
            certificates.recordUtilised(s, c.id(), clock.instant());
            message.processed(InboundMessageEntity.State.DELIVERED_TO_BACKOFFICE, c.id());
        };
    }
}
