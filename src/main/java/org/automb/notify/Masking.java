package org.automb.notify;

import java.net.URI;
import java.util.Collection;

/** Takes secrets out of text meant for people: logs, the job store, the API, the page. */
public final class Masking {

    /** What a secret is replaced with. */
    public static final String MASK = "***";

    private Masking() {
    }

    /** {@code scheme://host[:port]/***}: what a URL may show of itself. */
    public static String url(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/" + MASK;
    }

    /**
     * The first four characters of a secret and a mask ({@code 1234…}), or the mask alone for a short one: enough
     * to tell two destinations apart, too little to use.
     */
    public static String hint(String secret) {
        return secret.length() < 12 ? MASK : secret.substring(0, 4) + "…";
    }

    /** {@code text} with every one of {@code secrets} (and its URL-encoded form) replaced by {@link #MASK}. */
    public static String text(String text, Collection<String> secrets) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            if (secret == null || secret.length() < 3) {
                continue;
            }
            masked = masked.replace(secret, MASK);
            String encoded = java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8);
            masked = masked.replace(encoded, MASK);
        }
        return masked;
    }
}
