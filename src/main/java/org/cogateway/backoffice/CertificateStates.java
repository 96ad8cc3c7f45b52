package org.cogateway.backoffice;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.cogateway.as4.Actions;
import org.cogateway.contract.backoffice.CertificateStateCodeType;
import org.cogateway.contract.backoffice.CertificateStateType;
import org.cogateway.contract.exchange.AcknowledgementStatusType;
import org.cogateway.document.Dates;
import org.cogateway.document.DocumentKind;
import org.cogateway.store.CertificateEntity;
import org.cogateway.store.CertificateRepository;
import org.cogateway.store.GoodsBalanceEntity;
import org.hibernate.Session;

/**
 * The one state an officer reads first on an inbound certificate, with the time it was reached. When
 * several hold, the most final wins: CANCELLED, REPLACED, then (issue 11 part 1, verification) a
 * verification in progress belongs here, then BALANCE_USED_UP, ACKNOWLEDGED, RECEIVED.
 */
final class CertificateStates {
    private final CertificateRepository certificates;

    CertificateStates(CertificateRepository certificates) {
        this.certificates = certificates;
    }

    CertificateStateType of(Session s, CertificateEntity c, List<GoodsBalanceEntity> balances) {
        CertificateStateType state = new CertificateStateType();
        Object[] ack = certificates.acknowledgement(s, c.id()).orElse(null);
        if (ack != null) {
            state.setAcknowledgement(AcknowledgementStatusType.fromValue((String) ack[0]));
        }
        switch (c.status()) {
            case CANCELLED -> set(state, CertificateStateCodeType.CANCELLED, certificates.lastInboundAt(s, c.id(),
                    Actions.action(DocumentKind.STATUS_CHANGE)).orElse(c.receivedAt()));
            case REPLACED -> set(state, CertificateStateCodeType.REPLACED, certificates.find(s, c.direction(),
                            c.issuingCountry(), c.replacedByNumber(), c.replacedByVersion())
                    .map(CertificateEntity::receivedAt).orElse(c.receivedAt()));
            case ISSUED -> {
                // the verification state (issue 11 part 1) takes precedence from here on, once it exists
                if (usedUp(balances)) {
                    set(state, CertificateStateCodeType.BALANCE_USED_UP,
                            certificates.lastUtilisedAt(s, c.id()).orElse(c.receivedAt()));
                } else if (ack != null) {
                    set(state, CertificateStateCodeType.ACKNOWLEDGED, instant(ack[1]));
                } else {
                    set(state, CertificateStateCodeType.RECEIVED, c.receivedAt());
                }
            }
        }
        return state;
    }

    private static boolean usedUp(List<GoodsBalanceEntity> balances) {
        return !balances.isEmpty() && balances.stream().allMatch(b -> b.remaining().compareTo(BigDecimal.ZERO) <= 0);
    }

    private static void set(CertificateStateType state, CertificateStateCodeType code, Instant since) {
        state.setCode(code);
        state.setSince(Dates.xml(since));
    }

    /** A DATETIME read by a native query: the driver's type differs between H2 and MariaDB. */
    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.time.LocalDateTime l) {
            return l.toInstant(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("unexpected time value " + value);
    }
}
