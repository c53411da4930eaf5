package org.automb.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.automb.web.LoginSessions;
import org.automb.web.LoginThrottle;
import org.junit.jupiter.api.Test;

class LoginSessionsTest {

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-12-05T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final TestClock clock = new TestClock();

    @Test
    void aSessionHasRandomIdAndTokenAndEndsAtLogout() {
        LoginSessions sessions = new LoginSessions(clock);
        LoginSessions.Session one = sessions.create("admin");
        LoginSessions.Session two = sessions.create("admin");

        assertThat(one.id()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(two.id()).isNotEqualTo(one.csrfToken());
        assertThat(one.csrfToken()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(two.csrfToken());
        assertThat(sessions.find(one.id())).contains(one);
        assertThat(sessions.find("not-a-session")).isEmpty();
        assertThat(one.toString()).doesNotContain(one.id()).doesNotContain(one.csrfToken());

        sessions.end(one.id());
        assertThat(sessions.find(one.id())).isEmpty();
        assertThat(sessions.find(two.id())).isPresent();
    }

    @Test
    void anIdleSessionEndsAfter12HoursAndEverySessionAfter7Days() {
        LoginSessions sessions = new LoginSessions(clock);
        LoginSessions.Session idle = sessions.create("admin");
        LoginSessions.Session busy = sessions.create("admin");

        clock.advance(Duration.ofHours(11));
        assertThat(sessions.find(busy.id())).isPresent();
        clock.advance(Duration.ofHours(1));
        assertThat(sessions.find(idle.id())).as("12 h unused").isEmpty();
        assertThat(sessions.find(busy.id())).as("used 1 h ago").isPresent();

        // used every 11 h: alive until 7 days after its login, not a moment longer
        while (Duration.between(busy.createdAt(), clock.instant().plus(Duration.ofHours(11))).compareTo(Duration.ofDays(7)) < 0) {
            clock.advance(Duration.ofHours(11));
            assertThat(sessions.find(busy.id())).as("at %s", clock.instant()).isPresent();
        }
        clock.advance(Duration.between(clock.instant(), busy.createdAt().plus(Duration.ofDays(7))));
        assertThat(sessions.find(busy.id())).as("7 days after the login").isEmpty();

        sessions.create("admin");
        assertThat(sessions.size()).as("expired sessions are dropped").isEqualTo(1);
    }

    @Test
    void fiveFailuresIn5MinutesBlockAnAddressUntilTheOldestIs5MinutesOld() {
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < 4; i++) {
            throttle.failed("10.0.0.1");
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(throttle.blockedFor("10.0.0.1")).isEmpty();
        throttle.failed("10.0.0.1");

        assertThat(throttle.blockedFor("10.0.0.1")).contains(Duration.ofMinutes(5).minusSeconds(40));
        assertThat(throttle.blockedFor("10.0.0.2")).as("another address").isEmpty();

        clock.advance(Duration.ofMinutes(5).minusSeconds(40));
        assertThat(throttle.blockedFor("10.0.0.1")).as("the oldest failure counts no more").isEmpty();
        throttle.failed("10.0.0.1");
        assertThat(throttle.blockedFor("10.0.0.1")).isPresent();

        throttle.succeeded("10.0.0.2");
        assertThat(throttle.blockedFor("10.0.0.1")).isPresent();
        throttle.succeeded("10.0.0.1");
        assertThat(throttle.blockedFor("10.0.0.1")).isEmpty();
    }
}
