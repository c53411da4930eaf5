package org.automb.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a setting's value may be shown (start-up banner): a secret never, and in every other value the credentials a
 * URL may carry (a password in {@code user:password@}, a {@code password=} or {@code token=} parameter) are masked.
 * Three layers, so a setting added later cannot leak by being forgotten: the catalog's secret flag, a name that
 * says secret (…TOKEN, …KEY, …PASSWORD, …SECRET), and the credentials found in any value.
 */
public final class SecretValues {

    /** What a secret or a masked credential is shown as. */
    public static final String MASK = "***";

    private static final Pattern SECRET_NAME = Pattern.compile("TOKEN|KEY|PASSWORD|PASSWD|SECRET|CREDENTIAL");
    /** {@code scheme://user:password@}: the password. */
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(://[^/@\\s:,]*):[^@/\\s,]*@");
    /** {@code ?password=…}, {@code &token=…}, {@code ;apikey=…} (JDBC URLs use ; too): the value. */
    private static final Pattern CREDENTIAL_PARAMETER = Pattern.compile(
        "(?i)([?&;](?:[a-z0-9_.-]*(?:pass|pwd|token|key|secret|auth|sig)[a-z0-9_.-]*)=)[^&;\\s,]*");

    private SecretValues() {
    }

    /** Whether the whole value of {@code def} must be hidden. */
    public static boolean isSecret(SettingDef def) {
        return def.secret() || SECRET_NAME.matcher(def.name().toUpperCase(Locale.ROOT)).find();
    }

    /** The value as it may be printed: "(unset)" when blank, {@value #MASK} for a secret, else with credentials masked. */
    public static String shown(SettingDef def, String value) {
        if (value == null || value.isBlank()) {
            return "(unset)";
        }
        if (isSecret(def)) {
            return MASK + " (set)";
        }
        return maskCredentials(value);
    }

    /** {@code value} with the passwords and tokens of the URLs in it masked. */
    public static String maskCredentials(String value) {
        String masked = USERINFO_PASSWORD.matcher(value).replaceAll("$1:" + MASK + "@");
        return CREDENTIAL_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
    }
}
