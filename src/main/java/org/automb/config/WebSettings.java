package org.automb.config;

import java.nio.file.Path;

/**
 * The settings of the web dashboard, the REST API and the review gate (docs/api.md).
 *
 * @param urlBase             URL_BASE: a reverse proxy's path prefix ({@code /automb}), empty or starting with a
 *                            slash and never ending with one
 * @param authMethod          AUTH_METHOD: {@code forms} (API key and login page, the default) or {@code none}
 * @param apiKey              API_KEY: empty = the key generated at first start and kept in CONFIG_FOLDER
 * @param authUsername        AUTH_USERNAME: the page's login name
 * @param authPassword        AUTH_PASSWORD: the page's password, plain or as a bcrypt hash ({@code $2a$…}); empty =
 *                            the page takes the API key as the password. Held only until it is hashed at start.
 * @param reviewBeforeRelease REVIEW_BEFORE_RELEASE: finished books wait in {@code reviewFolder} until approved
 * @param reviewFolder        REVIEW_FOLDER: where they wait; library servers must not scan it
 */
public record WebSettings(String urlBase, AuthMethod authMethod, String apiKey, String authUsername,
                          String authPassword, boolean reviewBeforeRelease, Path reviewFolder) {

    /** How the API and the page are protected. */
    public enum AuthMethod {
        /** API key for scripts, a login page with a session cookie for people. */
        FORMS,
        /** No credentials at all: only when set explicitly, warned about in the log and on the page. */
        NONE
    }

    /** Never prints the key or the password. */
    @Override
    public String toString() {
        return "WebSettings[urlBase=" + urlBase + ", authMethod=" + authMethod + ", apiKey=" + (apiKey.isEmpty() ? "" : "***")
            + ", authUsername=" + authUsername + ", authPassword=" + (authPassword.isEmpty() ? "" : "***")
            + ", reviewBeforeRelease=" + reviewBeforeRelease + ", reviewFolder=" + reviewFolder + "]";
    }
}
