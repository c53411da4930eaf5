package org.automb.metadata;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET requests to one metadata service, politely: a User-Agent naming the application, a rate limit shared by all
 * threads, connect and read timeouts, and {@code 429 Too Many Requests} answered by waiting as long as
 * {@code Retry-After} asks (capped) and trying again a few times.
 *
 * <p>2xx gives the body, 404 gives empty; everything else (5xx, other 4xx, timeouts, I/O errors, 429 too often) is a
 * {@link MetadataUnavailableException}.
 */
public final class PoliteHttp {

    private static final Logger LOG = LoggerFactory.getLogger(PoliteHttp.class);
    /** Used when a 429 carries no usable {@code Retry-After}. */
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    /**
     * @param userAgent      sent with every request ({@link #userAgent})
     * @param timeout        connect timeout and whole-response timeout ({@code METADATA_TIMEOUT}, default 15 s)
     * @param retriesOn429   how many times a 429 is waited out before giving up (default 3)
     * @param maxRetryAfter  the longest {@code Retry-After} honoured; longer ones are cut to this (default 120 s)
     */
    public record Options(String userAgent, Duration timeout, int retriesOn429, Duration maxRetryAfter) {

        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

        /** The defaults, with {@code userAgent} and {@code timeout}. */
        public static Options of(String userAgent, Duration timeout) {
            return new Options(userAgent, timeout, 3, Duration.ofSeconds(120));
        }
    }

    private final String service;
    private final Options options;
    private final RateLimiter limiter;
    private final Sleeper sleeper;
    private final Clock clock;
    private final HttpClient client;

    /**
     * @param service names the service in messages ({@code Audible}, {@code Audnexus})
     * @param clock   for {@code Retry-After} given as a date
     */
    public PoliteHttp(String service, Options options, RateLimiter limiter, Sleeper sleeper, Clock clock) {
        this.service = service;
        this.options = options;
        this.limiter = limiter;
        this.sleeper = sleeper;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
            .connectTimeout(options.timeout())
            .followRedirects(HttpClient.Redirect.NORMAL) // cover images are served through redirects
            .build();
    }

    /** {@code auto-m4b/<version> (+<homepage>)}: who is asking, and where to read about it. */
    public static String userAgent(String version, String homepage) {
        return "auto-m4b/" + version + " (+" + homepage + ")";
    }

    /**
     * Fetches {@code uri}.
     *
     * @param what what is fetched, for logs and messages (an ASIN and a region, never a whole URL or body)
     * @return the body, or empty when the service answers 404
     * @throws MetadataUnavailableException when the service cannot answer now
     */
    public Optional<byte[]> get(URI uri, String what) {
        HttpRequest request = HttpRequest.newBuilder(uri)
            .timeout(options.timeout())
            .header("User-Agent", options.userAgent())
            .header("Accept", "application/json, image/*;q=0.9, */*;q=0.8")
            .GET()
            .build();
        for (int attempt = 0; ; attempt++) {
            HttpResponse<byte[]> response = send(request, what);
            int status = response.statusCode();
            if (status / 100 == 2) {
                return Optional.of(response.body());
            }
            if (status == 404) {
                LOG.debug("{}: {} not found", service, what);
                return Optional.empty();
            }
            if (status != 429) {
                throw new MetadataUnavailableException(service + " answered HTTP " + status + " for " + what);
            }
            if (attempt >= options.retriesOn429()) {
                throw new MetadataUnavailableException(service + " kept answering 429 Too Many Requests for " + what);
            }
            Duration wait = retryAfter(response.headers().firstValue("Retry-After").orElse(""), clock.instant());
            LOG.info("{} asks to slow down (429) for {}: waiting {} s", service, what, wait.toSeconds());
            pause(wait, what);
        }
    }

    /** How long a {@code Retry-After} value (seconds or an HTTP date) asks to wait, capped at the maximum. */
    Duration retryAfter(String header, Instant now) {
        Duration wanted = parseRetryAfter(header.trim(), now).orElse(DEFAULT_RETRY_AFTER);
        if (wanted.isNegative()) {
            return Duration.ZERO;
        }
        return wanted.compareTo(options.maxRetryAfter()) > 0 ? options.maxRetryAfter() : wanted;
    }

    private static Optional<Duration> parseRetryAfter(String header, Instant now) {
        if (header.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(header)));
        }
        try {
            Instant at = ZonedDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(Duration.between(now, at));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request, String what) {
        CompletableFuture<HttpResponse<byte[]>> response = null;
        try {
            limiter.acquire();
            // waiting on the future bounds the whole exchange, body included, whatever the HTTP version
            response = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
            return response.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw timedOut(what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw timedOut(what, cause);
            }
            throw new MetadataUnavailableException(service + " could not be reached for " + what + ": " + cause, cause);
        } catch (InterruptedException e) {
            if (response != null) {
                response.cancel(true);
            }
            Thread.currentThread().interrupt();
            throw new MetadataUnavailableException("interrupted while asking " + service + " for " + what, e);
        }
    }

    private MetadataUnavailableException timedOut(String what, Throwable cause) {
        return new MetadataUnavailableException(service + " did not answer within " + options.timeout().toMillis()
            + " ms for " + what, cause);
    }

    private void pause(Duration wait, String what) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetadataUnavailableException("interrupted while waiting to ask " + service + " for " + what, e);
        }
    }
}
