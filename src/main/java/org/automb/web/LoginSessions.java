package org.automb.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The login page's sessions, in memory (a restart logs everyone out, which is fine for one admin). Each has a
 * random id (the {@code automb_session} cookie) and its own CSRF token, and ends after {@link #IDLE} without a
 * request or {@link #ABSOLUTE} after the login, whichever comes first.
 */
public final class LoginSessions {

    /** Ends a session nobody used for this long. */
    public static final Duration IDLE = Duration.ofHours(12);
    /** Ends every session this long after its login. */
    public static final Duration ABSOLUTE = Duration.ofDays(7);

    /**
     * One login.
     *
     * @param id        the cookie's value (32 random bytes, base64url)
     * @param user      the login name
     * @param csrfToken what requests other than GET/HEAD/OPTIONS send as X-CSRF-Token
     * @param createdAt when the user logged in
     */
    public record Session(String id, String user, String csrfToken, Instant createdAt) {

        /** Never prints the id or the token. */
        @Override
        public String toString() {
            return "Session[user=" + user + ", createdAt=" + createdAt + "]";
        }
    }

    private record Entry(Session session, Instant lastSeen) {
    }

    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public LoginSessions(Clock clock) {
        this.clock = clock;
    }

    /** A new session for {@code user}; also drops the expired ones, so the map holds only live sessions. */
    public Session create(String user) {
        Instant now = clock.instant();
        byId.values().removeIf(entry -> expired(entry, now));
        Session session = new Session(randomToken(), user, randomToken(), now);
        byId.put(session.id(), new Entry(session, now));
        return session;
    }

    /** The live session with {@code id}, its idle time reset; empty when unknown or expired. */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Entry entry = byId.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        if (expired(entry, now)) {
            byId.remove(id, entry);
            return Optional.empty();
        }
        byId.replace(id, entry, new Entry(entry.session(), now));
        return Optional.of(entry.session());
    }

    /** Ends the session with {@code id} (logout); nothing when there is none. */
    public void end(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    /** How many sessions are held (live or expired but not yet dropped). */
    public int size() {
        return byId.size();
    }

    private static boolean expired(Entry entry, Instant now) {
        return !now.isBefore(entry.lastSeen().plus(IDLE)) || !now.isBefore(entry.session().createdAt().plus(ABSOLUTE));
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
