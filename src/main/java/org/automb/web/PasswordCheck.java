package org.automb.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/**
 * The login page's check of AUTH_USERNAME and AUTH_PASSWORD. Only a bcrypt hash is kept: a plain AUTH_PASSWORD is
 * hashed when the service starts, a value that is already a bcrypt hash ({@code $2a$}, {@code $2b$}, {@code $2y$}) is
 * used as it is, and an empty one makes the API key the password. Checking takes a bcrypt round whether or not the
 * user name is right, so the time taken tells nothing. Slow on purpose (tens of milliseconds): call it off the HTTP
 * server's event loop.
 */
public final class PasswordCheck {

    /** bcrypt's work factor for a hash made here: 2^10 rounds, about 50-100 ms on a small server. */
    static final int COST = 10;

    private static final Pattern BCRYPT_HASH = Pattern.compile("^\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}$");
    // bcrypt reads 72 bytes at most; cutting longer passwords there is what every other bcrypt tool does
    private static final BCrypt.Verifyer VERIFIER =
        BCrypt.verifyer(BCrypt.Version.VERSION_2A, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));

    private final byte[] username;
    private final byte[] hash;
    private final Source source;

    /** Where the password comes from (said in the start-up log; never the password). */
    public enum Source {
        /** AUTH_PASSWORD, plain, hashed at start. */
        PLAIN,
        /** AUTH_PASSWORD as a bcrypt hash. */
        HASH,
        /** AUTH_PASSWORD empty: the API key. */
        API_KEY
    }

    private PasswordCheck(String username, byte[] hash, Source source) {
        this.username = username.getBytes(StandardCharsets.UTF_8);
        this.hash = hash;
        this.source = source;
    }

    /**
     * @param username     AUTH_USERNAME
     * @param passwordSetting AUTH_PASSWORD: plain, a bcrypt hash, or {@code ""} for the API key
     * @param apiKey       the API key, the password when AUTH_PASSWORD is empty
     */
    public static PasswordCheck of(String username, String passwordSetting, ApiKeyStore apiKey) {
        if (passwordSetting.isEmpty()) {
            return new PasswordCheck(username, hash(apiKey.secret()), Source.API_KEY);
        }
        if (isBcryptHash(passwordSetting)) {
            return new PasswordCheck(username, passwordSetting.getBytes(StandardCharsets.UTF_8), Source.HASH);
        }
        return new PasswordCheck(username, hash(passwordSetting), Source.PLAIN);
    }

    /** Whether {@code value} has the form of a bcrypt hash ($2a$, $2b$ or $2y$, two-digit cost, 53 characters). */
    public static boolean isBcryptHash(String value) {
        return BCRYPT_HASH.matcher(value).matches();
    }

    /** Whether {@code user} and {@code password} are the configured ones. */
    public boolean verify(String user, String password) {
        if (user == null || password == null) {
            return false;
        }
        // the password round runs first and always: a wrong user name costs as much time as a wrong password
        boolean passwordRight = VERIFIER.verify(password.getBytes(StandardCharsets.UTF_8), hash).verified;
        boolean userRight = MessageDigest.isEqual(username, user.getBytes(StandardCharsets.UTF_8));
        return passwordRight && userRight;
    }

    /** The configured user name. */
    public String username() {
        return new String(username, StandardCharsets.UTF_8);
    }

    /** Where the password comes from. */
    public Source source() {
        return source;
    }

    private static byte[] hash(String plain) {
        return BCrypt.with(BCrypt.Version.VERSION_2A, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A))
            .hash(COST, plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Never prints the hash. */
    @Override
    public String toString() {
        return "PasswordCheck[user=" + username() + ", source=" + source + "]";
    }
}
