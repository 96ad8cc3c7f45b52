package org.cogateway.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.cogateway.as4.Forger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays and stale messages. A message's time is what its verified signature proves: the signed
 * wsu:Timestamp, else the signed eb:Timestamp; a wsu:Timestamp nobody signed neither refuses nor
 * accepts a message. The window is {@code as4.replayWindow} (here 2 hours).
 */
class As4FreshnessTest {
    static TargetGateway target;

    @BeforeAll
    static void start() {
        target = TargetGateway.start(Map.of("as4.replayWindow", "2h"));
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    @Test
    void theSameMessageAgainGetsTheStoredReceiptAndIsNotStoredTwice() throws Exception {
        String id = "replayed@id-gw";
        long certificates = target.certificates();
        Forger.Wire wire = new Forger().build(id, TargetGateway.certificate());
        HttpResponse<byte[]> first = Forger.send(target.as4, wire);
        HttpResponse<byte[]> again = Forger.send(target.as4, wire);
        assertThat(Forger.code(first)).isEqualTo("RECEIPT");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(target.stored(id)).isEqualTo(1);
        assertThat(target.certificates()).isEqualTo(certificates + 1);
        target.assertServesGenuine();
    }

    @Test
    void aMessageOlderThanTheWindowIsRefusedAsPolicyNoncompliance() throws Exception {
        Forger f = new Forger();
        f.time = Instant.now().minus(Duration.ofHours(3));
        String id = "stale@id-gw";
        long certificates = target.certificates();
        assertThat(Forger.post(target.as4, f.build(id, TargetGateway.certificate()))).isEqualTo("EBMS:0103");
        target.assertRefusedAndStillServes(id, certificates);
    }

    @Test
    void aMessageWithinTheWindowIsReceived() throws Exception {
        Forger f = new Forger();
        f.time = Instant.now().minus(Duration.ofMinutes(90));
        String id = "within-window@id-gw";
        assertThat(Forger.post(target.as4, f.build(id, TargetGateway.certificate()))).isEqualTo("RECEIPT");
        assertThat(target.stored(id)).isEqualTo(1);
    }

    /**
     * Weakness 2: a message signed 30 days ago, with no signed wsu:Timestamp (as phase4 sends them:
     * here the signed one is moved out of wsse:Security), and an unsigned, fresh wsu:Timestamp added
     * by whoever replays it. Its signed eb:Timestamp says 30 days.
     */
    @Test
    void anOldMessageWithAnUnsignedFreshTimestampAddedIsRefused() throws Exception {
        Forger f = new Forger();
        f.time = Instant.now().minus(Duration.ofDays(30));
        f.afterSigning = doc -> {
            Hostile.hideSignedTimestamp(doc);
            Hostile.addUnsignedTimestamp(doc, Instant.now());
        };
        String id = "old-with-fresh-unsigned-timestamp@id-gw";
        long certificates = target.certificates();
        assertThat(Forger.post(target.as4, f.build(id, TargetGateway.certificate()))).isEqualTo("EBMS:0103");
        target.assertRefusedAndStillServes(id, certificates);
    }

    /** Weakness 2: an unsigned future wsu:Timestamp added to a fresh message without a signed one. */
    @Test
    void aFreshMessageWithAnUnsignedFutureTimestampAddedIsReceived() throws Exception {
        Forger f = new Forger();
        f.afterSigning = doc -> {
            Hostile.hideSignedTimestamp(doc);
            Hostile.addUnsignedTimestamp(doc, Instant.now().plus(Duration.ofDays(3)));
        };
        String id = "fresh-with-future-unsigned-timestamp@id-gw";
        assertThat(Forger.post(target.as4, f.build(id, TargetGateway.certificate()))).isEqualTo("RECEIPT");
        assertThat(target.stored(id)).isEqualTo(1);
    }
}
