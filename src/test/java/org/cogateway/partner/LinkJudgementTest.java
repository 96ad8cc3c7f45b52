package org.cogateway.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a link's condition follows from its history and the partner's quietAfter. */
class LinkJudgementTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Partner ID = new Partner("ID", "ID", "ID", "ID-GW", "t", URI.create("http://127.0.0.1:9/as4"),
            Set.of("JIEPA"), "id", "id", RetryPolicy.DEFAULT, Duration.ofSeconds(1), Duration.ofSeconds(1), null, null,
            Duration.ofMinutes(10));

    @Test
    void aSuccessWithinQuietAfterAndNoLaterFailureIsUp() {
        LinkState s = LinkState.judge(ID, null, NOW.minusSeconds(599), null, null, NOW);
        assertThat(s.condition()).isEqualTo(LinkState.Condition.UP);
        assertThat(s.healthy()).isTrue();
    }

    @Test
    void aMessageFromThePartnerCountsAsASignOfLife() {
        assertThat(LinkState.judge(ID, NOW.minusSeconds(60), null, null, null, NOW).condition())
                .isEqualTo(LinkState.Condition.UP);
    }

    @Test
    void aFailureAfterTheLastSuccessIsDownHoweverRecentTheSuccess() {
        LinkState s = LinkState.judge(ID, NOW.minusSeconds(30), NOW.minusSeconds(20), NOW.minusSeconds(10), "refused",
                NOW);
        assertThat(s.condition()).isEqualTo(LinkState.Condition.DOWN);
        assertThat(s.healthy()).isFalse();
    }

    @Test
    void nothingWithinQuietAfterIsQuietAndSoIsNothingAtAll() {
        assertThat(LinkState.judge(ID, null, NOW.minusSeconds(601), null, null, NOW).condition())
                .isEqualTo(LinkState.Condition.QUIET);
        assertThat(LinkState.judge(ID, null, null, null, null, NOW).condition()).isEqualTo(LinkState.Condition.QUIET);
    }

    @Test
    void anOldFailureFollowedByASuccessIsUp() {
        assertThat(LinkState.judge(ID, null, NOW.minusSeconds(5), NOW.minusSeconds(50), "timeout", NOW).condition())
                .isEqualTo(LinkState.Condition.UP);
    }
}
