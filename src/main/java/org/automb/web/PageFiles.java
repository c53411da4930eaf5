package org.automb.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page's files, from the class path only: {@code {URL_BASE}/} → {@code web/index.html}, {@code {URL_BASE}/login}
 * → {@code web/login.html}, {@code {URL_BASE}/assets/**} → {@code web/assets/**}, {@code {URL_BASE}/webjars/**} →
 * {@code META-INF/resources/webjars/**}. The two pages get {@code <base href="{URL_BASE}/">}, so their relative URLs
 * work under any URL_BASE.
 *
 * <p>Written here rather than with vertx-web's StaticHandler because that looks in the working directory before the
 * class path and unpacks class-path files into a cache folder; this never turns a request into a file-system path.
 * A request path is taken only when every segment is a plain name (no {@code ..}, {@code .}, backslash, percent sign
 * or control character) with a known file extension; anything else is a 404.
 */
public final class PageFiles {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_@+~-][A-Za-z0-9._@+~-]*");
    private static final Pattern BASE_TAG = Pattern.compile("<base\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEAD_TAG = Pattern.compile("<head\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Map<String, String> TYPES = Map.ofEntries(
        Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
        Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
        Map.entry("json", "application/json"), Map.entry("map", "application/json"),
        Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"),
        Map.entry("woff2", "font/woff2"), Map.entry("txt", "text/plain; charset=utf-8"));

    /** A file as it is sent. */
    private record Served(byte[] body, String contentType, String cacheControl) {
    }

    private final WebPaths paths;
    private final ClassLoader loader;
    // class-path files never change while the service runs; only files found are kept, so misses cannot fill it
    private final Map<String, Served> cache = new ConcurrentHashMap<>();

    public PageFiles(WebPaths paths, ClassLoader loader) {
        this.paths = paths;
        this.loader = loader;
    }

    /** {@code {URL_BASE}/}, {@code /index.html}: the dashboard. */
    public void index(RoutingContext ctx) {
        send(ctx, page("web/index.html"));
    }

    /** {@code {URL_BASE}/login}, {@code /login.html}: the login page. */
    public void login(RoutingContext ctx) {
        send(ctx, page("web/login.html"));
    }

    /** {@code {URL_BASE}/assets/**}. */
    public void asset(RoutingContext ctx) {
        send(ctx, under("web/assets/", rest(ctx.normalizedPath(), paths.assets()), "no-cache"));
    }

    /** {@code {URL_BASE}/webjars/**}: versioned paths, so browsers may keep them. */
    public void webjar(RoutingContext ctx) {
        send(ctx, under("META-INF/resources/webjars/", rest(ctx.normalizedPath(), paths.webjars()),
            "public, max-age=604800"));
    }

    /**
     * The class-path resource for {@code relative} under {@code root}, when {@code relative} is a plain relative
     * path of a file with a known type; empty otherwise.
     */
    public Optional<String> resourceName(String root, String relative) {
        if (relative == null || relative.isEmpty() || relative.length() > 512) {
            return Optional.empty();
        }
        for (String segment : relative.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.contains("..")) {
                return Optional.empty();
            }
        }
        return type(relative).isPresent() ? Optional.of(root + relative) : Optional.empty();
    }

    private Optional<Served> under(String root, String relative, String cacheControl) {
        return resourceName(root, relative).flatMap(name -> cached(name, bytes -> bytes, cacheControl));
    }

    private Optional<Served> page(String name) {
        return cached(name, this::withBase, "no-cache");
    }

    private Optional<Served> cached(String name, java.util.function.UnaryOperator<byte[]> transform, String cacheControl) {
        Served known = cache.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<byte[]> bytes = read(name);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        Served served = new Served(transform.apply(bytes.get()), type(name).orElseThrow(), cacheControl);
        cache.put(name, served);
        return Optional.of(served);
    }

    /** The resource's bytes; empty when there is none, or it is a folder. */
    private Optional<byte[]> read(String name) {
        URL url = loader.getResource(name);
        if (url == null || isFolder(url)) {
            return Optional.empty();
        }
        try (InputStream in = url.openStream()) {
            return Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from the class path", e);
        }
    }

    /** A folder on the class path reads as a listing of its files: never send that. */
    private static boolean isFolder(URL url) {
        try {
            if ("file".equals(url.getProtocol())) {
                return !Files.isRegularFile(Path.of(url.toURI()));
            }
            return url.getPath().endsWith("/");
        } catch (URISyntaxException | IllegalArgumentException e) {
            return true;
        }
    }

    /** The page with {@code <base href="{URL_BASE}/">}: in place of its own base tag, or first in its head. */
    private byte[] withBase(byte[] html) {
        String text = new String(html, StandardCharsets.UTF_8);
        String tag = "<base href=\"" + escapeAttribute(paths.root()) + "\">";
        Matcher base = BASE_TAG.matcher(text);
        if (base.find()) {
            text = text.substring(0, base.start()) + tag + text.substring(base.end());
        } else {
            Matcher head = HEAD_TAG.matcher(text);
            if (head.find()) {
                text = text.substring(0, head.end()) + "\n" + tag + text.substring(head.end());
            } else {
                text = tag + text;
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String escapeAttribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String rest(String path, String prefix) {
        return path.startsWith(prefix) ? path.substring(prefix.length()) : null;
    }

    private static Optional<String> type(String name) {
        int dot = name.lastIndexOf('.');
        int slash = name.lastIndexOf('/');
        if (dot <= slash + 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    private static void send(RoutingContext ctx, Optional<Served> file) {
        HttpServerResponse response = ctx.response();
        if (file.isEmpty()) {
            response.setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8").end("Not found");
            return;
        }
        Served served = file.get();
        response.setStatusCode(200)
            .putHeader("Content-Type", served.contentType())
            .putHeader("Cache-Control", served.cacheControl())
            .putHeader("X-Content-Type-Options", "nosniff")
            .putHeader("X-Frame-Options", "DENY")
            .putHeader("Referrer-Policy", "same-origin");
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.putHeader("Content-Length", String.valueOf(served.body().length)).end();
        } else {
            response.end(Buffer.buffer(served.body()));
        }
    }
}
