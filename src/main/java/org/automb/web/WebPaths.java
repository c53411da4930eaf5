package org.automb.web;

/**
 * The paths the service's HTTP server answers, all under URL_BASE ({@code ""} or {@code /automb}): the page, its
 * files, the API. {@code /health/*} answers at the root too, where container health checks look.
 *
 * @param base URL_BASE: empty or starting with a slash, never ending with one
 */
public record WebPaths(String base) {

    /** The API's prefix. */
    public static final String API = "/api/v1";

    public WebPaths {
        if (!base.isEmpty() && (!base.startsWith("/") || base.endsWith("/"))) {
            throw new IllegalArgumentException("URL_BASE=" + base + " must be empty or start with / and not end with /");
        }
    }

    /** {@code {URL_BASE}/}: the dashboard, and the session cookie's path. */
    public String root() {
        return base + "/";
    }

    /** {@code {URL_BASE}/index.html}. */
    public String index() {
        return base + "/index.html";
    }

    /** {@code {URL_BASE}/login}. */
    public String login() {
        return base + "/login";
    }

    /** {@code {URL_BASE}/login.html}. */
    public String loginHtml() {
        return base + "/login.html";
    }

    /** {@code {URL_BASE}/assets/}: the page's own files. */
    public String assets() {
        return base + "/assets/";
    }

    /** {@code {URL_BASE}/webjars/}: libraries packed as webjars (uPlot). */
    public String webjars() {
        return base + "/webjars/";
    }

    /** {@code {URL_BASE}/api/v1} + {@code tail}. */
    public String api(String tail) {
        return base + API + tail;
    }

    /** Whether {@code path} is a health endpoint: {@code /health/...} or {@code {URL_BASE}/health/...}. */
    public boolean isHealth(String path) {
        return path.startsWith("/health/") || !base.isEmpty() && path.startsWith(base + "/health/");
    }

    /** {@code {URL_BASE}/health/x} → {@code /health/x}; other paths unchanged. */
    public String healthAtRoot(String path) {
        return !base.isEmpty() && path.startsWith(base + "/health/") ? path.substring(base.length()) : path;
    }

    /** Whether {@code path} is the API's (a problem answers there, never a redirect). */
    public boolean isApi(String path) {
        return path.equals(base + API) || path.startsWith(base + API + "/");
    }
}
