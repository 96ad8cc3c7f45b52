package org.cogateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.cogateway.partner.PartnerDirectory;
import org.cogateway.partner.RetryPolicy;
import org.cogateway.store.Database;
import org.cogateway.testing.SettableClock;
import org.cogateway.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {
    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final RetryPolicy POLICY =
            new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofHours(1));

    private final SettableClock clock = new SettableClock(START);
    private Database db;
    private QueueFixture fixture;
    private OutboundQueue queue;

    @BeforeEach
    void openQueue() {
        db = Database.open(TestDatabases.fresh());
        fixture = new QueueFixture(db);
        // the lowest jitter: a retry comes after exactly half the nominal delay
        queue = new OutboundQueue(db, clock, new Backoff(() -> 0L),
                new PartnerDirectory(List.of(QueueFixture.partner("id", POLICY), QueueFixture.partner("th", POLICY))));
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void claimsDueTransmissionsOldestFirstUpToTheLimitAndRecordsTheClaim() {
        String first = fixture.enqueue("id", START.minusSeconds(2));
        String second = fixture.enqueue("id", START.minusSeconds(1));
        fixture.enqueue("id", START);

        List<ClaimedTransmission> claimed = queue.claimDue("node-a", 2, LEASE);

        assertThat(claimed).extracting(ClaimedTransmission::id).containsExactly(first, second);
        assertThat(claimed.get(0).attempt()).isEqualTo(1);
        assertThat(claimed.get(0).messageId()).isEqualTo(fixture.transmission(first).messageId());
        assertThat(fixture.transmission(first).state()).isEqualTo(TransmissionState.SENDING);
        assertThat(fixture.transmission(first).attempts()).isEqualTo(1);
        assertThat(fixture.history(first)).containsExactly("SENDING: claimed by node node-a for attempt 1");
    }

    @Test
    void aClaimReadsTheDocumentsOfTheRowsItClaimsAndNoOthers() {
        String first = fixture.enqueue("id", START.minusSeconds(2));
        String waiting = fixture.enqueue("id", START.minusSeconds(1));
        // a claim that carried its candidates' documents along would fail on this one
        fixture.dropPayload(waiting);

        List<ClaimedTransmission> claimed = queue.claimDue("node-a", 1, LEASE);

        assertThat(claimed).extracting(ClaimedTransmission::id).containsExactly(first);
        assertThat(claimed.get(0).payload()).isEqualTo("<CertificateOfOrigin/>");
    }

    @Test
    void theQueueRowThatEveryClaimAndOutcomeUpdatesHoldsNoDocument() {
        // documents are written once to their own table: updating the queue row must not rewrite one
        List<String> columns = fixture.columns("transmission");
        assertThat(columns).hasSizeGreaterThan(10).allSatisfy(column -> {
            String[] nameTypeSize = column.split(" ");
            assertThat(nameTypeSize[1]).as(column).isNotIn("CLOB", "NCLOB", "BLOB", "LONGVARCHAR", "LONGNVARCHAR",
                    "LONGVARBINARY");
            assertThat(Long.parseLong(nameTypeSize[2])).as(column).isLessThanOrEqualTo(1000);
        });
    }

    @Test
    void claimsNothingThatIsNotYetDueOrUnderALiveLease() {
        fixture.enqueue("id", START.plusSeconds(5));
        fixture.enqueue("id", START);
        assertThat(queue.claimDue("node-a", 10, LEASE)).hasSize(1);

        assertThat(queue.claimDue("node-b", 10, LEASE)).isEmpty();
    }

    @Test
    void claimsForOnePartnerOnlyWhenAskedTo() {
        fixture.enqueue("id", START);
        String toThailand = fixture.enqueue("th", START);

        assertThat(queue.claimDue("node-a", "th", 10, LEASE)).extracting(ClaimedTransmission::id)
                .containsExactly(toThailand);
    }

    @Test
    void anExpiredLeaseIsResumedByAnotherNodeWhoseResultTheOldNodeCannotOverwrite() {
        String id = fixture.enqueue("id", START);
        ClaimedTransmission byA = queue.claimDue("node-a", 10, LEASE).get(0);
        clock.advance(LEASE.plusSeconds(1));

        ClaimedTransmission byB = queue.claimDue("node-b", 10, LEASE).get(0);

        assertThat(byB.messageId()).isEqualTo(byA.messageId());
        assertThat(byB.attempt()).isEqualTo(2);
        assertThat(fixture.history(id)).last().asString()
                .contains("lease of node node-a expired").contains("resumed by node node-b");
        assertThat(queue.recordOutcome(byB, SendOutcome.delivered(200, new byte[] {1}))).isTrue();
        assertThat(queue.recordOutcome(byA, SendOutcome.retryable(503, null, "late"))).isFalse();
        assertThat(fixture.transmission(id).state()).isEqualTo(TransmissionState.DELIVERED);
        assertThat(queue.attempts(id)).extracting(a -> a.attempt() + " " + a.nodeId() + " " + a.outcome())
                .containsExactly("1 node-a ABANDONED", "2 node-b DELIVERED");
    }

    @Test
    void aRetryableFailureWaitsForItsBackoffThenIsDueAgainWithTheSameMessageId() {
        String id = fixture.enqueue("id", START);
        ClaimedTransmission first = queue.claimDue("node-a", 10, LEASE).get(0);

        assertThat(queue.recordOutcome(first, SendOutcome.retryable(503, null, "service unavailable"))).isTrue();

        assertThat(fixture.transmission(id).state()).isEqualTo(TransmissionState.RETRY_WAIT);
        assertThat(fixture.transmission(id).nextAttemptAt()).isEqualTo(START.plusSeconds(5));
        assertThat(fixture.transmission(id).lastError()).isEqualTo("service unavailable [HTTP 503]");
        assertThat(queue.claimDue("node-a", 10, LEASE)).isEmpty();
        clock.advance(Duration.ofSeconds(5));
        ClaimedTransmission second = queue.claimDue("node-a", 10, LEASE).get(0);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.messageId()).isEqualTo(first.messageId());
    }

    @Test
    void failsWhenTheAttemptsRunOutKeepingTheLastReason() {
        String id = fixture.enqueue("id", START);
        for (int attempt = 1; attempt <= POLICY.maxAttempts(); attempt++) {
            ClaimedTransmission claim = queue.claimDue("node-a", 10, LEASE).get(0);
            queue.recordOutcome(claim, SendOutcome.retryable(500, null, "partner error #" + attempt));
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(fixture.transmission(id).state()).isEqualTo(TransmissionState.FAILED);
        assertThat(fixture.transmission(id).lastError()).isEqualTo("partner error #3 [HTTP 500]");
        assertThat(fixture.history(id)).last().asString().startsWith("FAILED: gave up, all 3 attempts made");
        assertThat(queue.attempts(id)).hasSize(3).allMatch(a -> a.outcome().equals("RETRYABLE"));
        assertThat(queue.claimDue("node-a", 10, LEASE)).isEmpty();
    }

    @Test
    void failsWhenTheNextAttemptWouldBePastTheMaximumAge() {
        String id = fixture.enqueue("id", START);
        ClaimedTransmission claim = queue.claimDue("node-a", 10, LEASE).get(0);
        clock.advance(POLICY.maxAge().minusSeconds(2));

        queue.recordOutcome(claim, SendOutcome.retryable(null, null, "connection reset"));

        assertThat(fixture.transmission(id).state()).isEqualTo(TransmissionState.FAILED);
        assertThat(fixture.transmission(id).lastError()).isEqualTo("connection reset");
        assertThat(fixture.history(id)).last().asString().contains("maximum age");
    }

    @Test
    void aPartnersPermanentRefusalEndsRejectedAfterOneAttempt() {
        String id = fixture.enqueue("id", START);
        ClaimedTransmission claim = queue.claimDue("node-a", 10, LEASE).get(0);

        queue.recordOutcome(claim, SendOutcome.permanent(500, "EBMS:0004", "other error"));

        assertThat(fixture.transmission(id).state()).isEqualTo(TransmissionState.REJECTED);
        assertThat(fixture.transmission(id).lastError()).isEqualTo("other error [HTTP 500] [EBMS:0004]");
        assertThat(queue.attempts(id)).singleElement()
                .satisfies(a -> assertThat(a.ebmsErrorCode()).isEqualTo("EBMS:0004"));
    }

    @Test
    void aPermanentFailureOnThisSideEndsFailedAfterOneAttempt() {
        String id = fixture.enqueue("id", START);
        ClaimedTransmission claim = queue.claimDue("node-a", 10, LEASE).get(0);

        queue.recordOutcome(claim, SendOutcome.permanent(null, null, "no encryption certificate for the partner"));

        assertThat(fixture.transmission(id).state()).isEqualTo(TransmissionState.FAILED);
        assertThat(queue.attempts(id)).hasSize(1);
    }

    @Test
    void resendPutsAFailedTransmissionBackInTheQueueWithTheSameMessageId() {
        String id = fixture.enqueue("id", START);
        String messageId = fixture.transmission(id).messageId();
        queue.recordOutcome(queue.claimDue("node-a", 10, LEASE).get(0), SendOutcome.permanent(null, null, "no key"));

        assertThat(queue.resend(id)).isTrue();

        assertThat(fixture.transmission(id).state()).isEqualTo(TransmissionState.QUEUED);
        assertThat(fixture.transmission(id).attempts()).isEqualTo(1);
        assertThat(fixture.history(id)).last().isEqualTo("QUEUED: resent by operator");
        ClaimedTransmission again = queue.claimDue("node-a", 10, LEASE).get(0);
        assertThat(again.messageId()).isEqualTo(messageId);
        assertThat(again.attempt()).isEqualTo(2);
    }

    @Test
    void aResentTransmissionGetsThePartnersWholeRetryPolicyAgain() {
        String id = fixture.enqueue("id", START);
        for (int attempt = 1; attempt <= POLICY.maxAttempts(); attempt++) {
            queue.recordOutcome(queue.claimDue("node-a", 10, LEASE).get(0), SendOutcome.retryable(503, null, "down"));
            clock.advance(Duration.ofMinutes(1));
        }
        clock.advance(POLICY.maxAge());
        assertThat(fixture.transmission(id).state()).isEqualTo(TransmissionState.FAILED);

        queue.resend(id);
        ClaimedTransmission afterResend = queue.claimDue("node-a", 10, LEASE).get(0);
        queue.recordOutcome(afterResend, SendOutcome.retryable(503, null, "still down"));

        assertThat(afterResend.attempt()).isEqualTo(POLICY.maxAttempts() + 1);
        assertThat(fixture.transmission(id).state()).isEqualTo(TransmissionState.RETRY_WAIT);
    }

    @Test
    void resendRefusesATransmissionThatHasNotFailed() {
        String id = fixture.enqueue("id", START);

        assertThat(queue.resend(id)).isFalse();
        assertThat(queue.resend("no-such-id")).isFalse();
        assertThat(fixture.transmission(id).state()).isEqualTo(TransmissionState.QUEUED);
    }

    @Test
    void onRestartTheTransmissionsThisNodeLeftSendingAreDueAtOnce() {
        String mine = fixture.enqueue("id", START);
        queue.claimDue("node-a", 10, Duration.ofHours(1));
        String othersNode = fixture.enqueue("id", START);
        queue.claimDue("node-b", 10, Duration.ofHours(1));

        assertThat(queue.releaseOwnLeases("node-a")).isEqualTo(1);

        assertThat(fixture.transmission(mine).state()).isEqualTo(TransmissionState.RETRY_WAIT);
        assertThat(fixture.transmission(othersNode).state()).isEqualTo(TransmissionState.SENDING);
        assertThat(fixture.history(mine)).last().asString().contains("node node-a restarted while sending");
        ClaimedTransmission resumed = queue.claimDue("node-a", 10, LEASE).get(0);
        assertThat(resumed.id()).isEqualTo(mine);
        assertThat(resumed.attempt()).isEqualTo(2);
        assertThat(queue.attempts(mine)).extracting(OutboundQueue.AttemptRecord::outcome).containsExactly("ABANDONED");
    }

    @Test
    void thePartnersAnswerClosesADeliveredTransmissionInTheCallersTransaction() {
        String id = fixture.enqueue("id", START);
        String messageId = fixture.transmission(id).messageId();
        boolean early = db.fromTransaction(s -> queue.markAnswered(s, messageId, TransmissionState.ACKNOWLEDGED, "early"));
        assertThat(early).as("not delivered yet").isFalse();
        queue.recordOutcome(queue.claimDue("node-a", 10, LEASE).get(0), SendOutcome.delivered(200, null));

        boolean marked = db.fromTransaction(s -> queue.markAnswered(s, messageId, TransmissionState.ACKNOWLEDGED,
                "acknowledged by ID Customs"));

        assertThat(marked).isTrue();
        assertThat(fixture.transmission(id).state()).isEqualTo(TransmissionState.ACKNOWLEDGED);
        assertThat(fixture.history(id)).last().isEqualTo("ACKNOWLEDGED: acknowledged by ID Customs");
    }

    @Test
    void anAnswerThatOvertakesTheReceiptClosesTheTransmissionAndTheLateOutcomeChangesNothing() {
        String id = fixture.enqueue("id", START);
        String messageId = fixture.transmission(id).messageId();
        ClaimedTransmission sending = queue.claimDue("node-a", 10, LEASE).get(0);

        boolean marked = db.fromTransaction(s -> queue.markAnswered(s, messageId, TransmissionState.ACKNOWLEDGED,
                "acknowledged by ID Customs"));
        boolean late = queue.recordOutcome(sending, SendOutcome.delivered(200, null));

        assertThat(marked).isTrue();
        assertThat(late).isFalse();
        assertThat(fixture.transmission(id).state()).isEqualTo(TransmissionState.ACKNOWLEDGED);
    }
}
