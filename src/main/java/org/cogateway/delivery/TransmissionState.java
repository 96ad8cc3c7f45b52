package org.cogateway.delivery;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The states of an outbound transmission and, in one table, every change allowed between them.
 * QUEUED -> SENDING -> DELIVERED -> ACKNOWLEDGED | REJECTED, with RETRY_WAIT between failed attempts
 * and FAILED when the partner's retry policy runs out; an operator resend puts FAILED or REJECTED back
 * to QUEUED (a REJECTED one after the cause of the partner's refusal was fixed).
 */
public enum TransmissionState {
    QUEUED, SENDING, RETRY_WAIT, DELIVERED, ACKNOWLEDGED, REJECTED, FAILED;

    private static final Map<TransmissionState, Set<TransmissionState>> ALLOWED = Map.of(
            QUEUED, EnumSet.of(SENDING),
            // SENDING -> SENDING: a lease that expired is taken over by another node.
            // SENDING, RETRY_WAIT, FAILED -> ACKNOWLEDGED | REJECTED: the partner's Customs answered, which
            // proves delivery even when our receipt was lost or is still being recorded.
            SENDING, EnumSet.of(SENDING, DELIVERED, RETRY_WAIT, FAILED, REJECTED, ACKNOWLEDGED),
            RETRY_WAIT, EnumSet.of(SENDING, ACKNOWLEDGED, REJECTED),
            // an answer from the partner's Customs closes a delivered transmission
            DELIVERED, EnumSet.of(ACKNOWLEDGED, REJECTED),
            ACKNOWLEDGED, EnumSet.noneOf(TransmissionState.class),
            REJECTED, EnumSet.of(QUEUED),
            FAILED, EnumSet.of(QUEUED, ACKNOWLEDGED, REJECTED));

    public boolean canBecome(TransmissionState next) {
        return ALLOWED.get(this).contains(next);
    }

    /** Not yet at the partner: what ListUndelivered shows. */
    public static final Set<TransmissionState> UNDELIVERED = EnumSet.of(QUEUED, SENDING, RETRY_WAIT, FAILED);
}
