package org.cogateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.cogateway.testing.SettableClock;
import org.junit.jupiter.api.Test;

/** Console sessions end after the idle time without a request, and at the absolute time whatever happens. */
class SessionsTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final Sessions sessions = new Sessions(clock, Duration.ofMinutes(30), Duration.ofHours(8));

    @Test
    void aSessionIdleForLongerThanTheIdleTimeEnds() {
        String id = sessions.open("ops", AdminRole.VIEWER).id();
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.touch(id)).isPresent();
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.touch(id)).as("each request restarts the idle time").isPresent();
        clock.advance(Duration.ofMinutes(31));
        assertThat(sessions.touch(id)).isEmpty();
        assertThat(sessions.touch(id)).as("and it does not come back").isEmpty();
    }

    @Test
    void aBusySessionStillEndsAtTheAbsoluteTime() {
        String id = sessions.open("ops", AdminRole.ADMIN).id();
        for (int i = 0; i < 8 * 4 - 1; i++) {
            clock.advance(Duration.ofMinutes(15));
            assertThat(sessions.touch(id)).isPresent();
        }
        clock.advance(Duration.ofMinutes(16));
        assertThat(sessions.touch(id)).isEmpty();
    }

    @Test
    void eachSessionHasItsOwnUnguessableIdAndCsrfTokenAndLogoutEndsIt() {
        Sessions.Session a = sessions.open("ops", AdminRole.VIEWER);
        Sessions.Session b = sessions.open("ops", AdminRole.VIEWER);
        assertThat(a.id()).isNotEqualTo(b.id()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(a.csrfToken()).isNotEqualTo(b.csrfToken()).isNotEqualTo(a.id());
        sessions.close(a.id());
        assertThat(sessions.touch(a.id())).isEmpty();
        assertThat(sessions.touch(b.id())).isPresent();
        sessions.closeAll("ops");
        assertThat(sessions.touch(b.id())).isEmpty();
        assertThat(sessions.touch("made-up")).isEmpty();
    }
}
