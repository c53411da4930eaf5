package org.automb.metadata;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** An Audible marketplace: its setting value ({@code AUDIBLE_REGION}), its top-level domain and its API host. */
public enum Region {
    US("us", "com"), UK("uk", "co.uk"), CA("ca", "ca"), AU("au", "com.au"), DE("de", "de"), FR("fr", "fr"),
    IT("it", "it"), ES("es", "es"), IN("in", "in"), JP("jp", "co.jp");

    private final String code;
    private final String tld;

    Region(String code, String tld) {
        this.code = code;
        this.tld = tld;
    }

    /** The value users write: {@code us}, {@code uk}... (also Audnexus's {@code region=} parameter). */
    public String code() { return code; }

    /** {@code https://api.audible.<tld>}: the public catalog API of this marketplace. */
    public String apiBaseUrl() { return "https://api.audible." + tld; }

    /** {@code https://www.audible.<tld>/pd/<asin>}: the product page written as WWWAUDIOFILE. */
    public String productPage(String asin) { return "https://www.audible." + tld + "/pd/" + asin; }

    /** The region for a setting value (any case), empty when it names none. */
    public static Optional<Region> fromCode(String code) {
        String wanted = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.code.equals(wanted)).findFirst();
    }
}
