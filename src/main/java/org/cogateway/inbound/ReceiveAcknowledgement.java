package org.cogateway.inbound;

import java.time.Clock;
import org.cogateway.as4.PayloadRejectedException;
import org.cogateway.contract.exchange.AcknowledgementStatusType;
import org.cogateway.contract.exchange.Acknowledgement;
import org.cogateway.delivery.OutboundQueue;
import org.cogateway.delivery.TransmissionState;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.document.DocumentKind;
import org.cogateway.partner.Partner;
import org.cogateway.store.CertificateAnswerEntity;
import org.cogateway.store.CertificateEntity;
import org.cogateway.store.CertificateRepository;
import org.cogateway.store.InboundMessageEntity;
import org.cogateway.store.TransmissionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The importing Customs acknowledged a certificate issued here: the answer is kept for the issuing
 * body, and the certificate's transmission becomes ACKNOWLEDGED, or REJECTED when Customs rejected
 * it or could not read it.
 */
public final class ReceiveAcknowledgement implements DocumentReceiver {
    private static final Logger log = LoggerFactory.getLogger(ReceiveAcknowledgement.class);

    private final CertificateDocuments documents;
    private final CertificateRepository certificates;
    private final TransmissionRepository transmissions;
    private final OutboundQueue queue;
    private final String ownCountry;
    private final Clock clock;
    private final io.micrometer.core.instrument.MeterRegistry metrics;

    public ReceiveAcknowledgement(CertificateDocuments documents, CertificateRepository certificates,
                                  TransmissionRepository transmissions, OutboundQueue queue, String ownCountry, Clock clock,
                                  io.micrometer.core.instrument.MeterRegistry metrics) {
        this.documents = documents;
        this.certificates = certificates;
        this.transmissions = transmissions;
        this.queue = queue;
        this.ownCountry = ownCountry;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public Effect read(Partner partner, byte[] payload) throws PayloadRejectedException {
        Acknowledgement ack = Exchange.parse(documents, payload, Acknowledgement.class);
        AnsweredCertificate.requireIssuedHere(ack.getCertificate(), ownCountry, partner);
        String xml = documents.toXml(ack);
        return (s, message) -> {
            CertificateEntity c = AnsweredCertificate.find(s, certificates, ack.getCertificate(), partner);
            s.persist(new CertificateAnswerEntity(c.id(), DocumentKind.ACKNOWLEDGEMENT, clock.instant(), xml));
            boolean accepted = ack.getStatus() == AcknowledgementStatusType.ACCEPTED
                    || ack.getStatus() == AcknowledgementStatusType.ACCEPTED_WITH_WARNINGS;
            String detail = ack.getStatus() + " by the importing Customs"
                    + (ack.getRemarks() == null ? "" : ": " + ack.getRemarks());
            transmissions.forCertificate(s, c.id(), DocumentKind.CERTIFICATE).stream().findFirst().ifPresent(t -> {
                if (!queue.markAnswered(s, t.messageId(), accepted ? TransmissionState.ACKNOWLEDGED
                        : TransmissionState.REJECTED, detail)) {
                    log.warn("acknowledgement of {} kept, but transmission {} is {} and was not changed",
                            c.certificateNumber(), t.id(), t.state());
                } else {
                    // issue 9, item 5: what an issuer waits for, from its submission to the importing Customs' answer
                    io.micrometer.core.instrument.Timer.builder("cogateway.time.to.acknowledgement")
                            .description("time from submission to the importing Customs' acknowledgement or rejection,"
                                    + " by partner and answer")
                            .tag("partner", partner.id())
                            .tag("answer", accepted ? "ACKNOWLEDGED" : "REJECTED")
                            .publishPercentileHistogram()
                            .register(metrics)
                            .record(java.time.Duration.between(t.createdAt(), clock.instant()));
                }
            });
            message.processed(InboundMessageEntity.State.DELIVERED_TO_BACKOFFICE, c.id());
        };
    }
}
