package org.automb.notify;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Stops Apache HttpClient from answering a 429 or 503 itself (route send-http): by default it sends the request
 * again after the server's Retry-After, blocking the delivery for as long and hiding the answer the destination
 * judges; such retries, with backoff and Retry-After, are the delivery's to make (NOTIFY_MAX_RETRIES). Its retry of a
 * request that got no answer at all (a stale pooled connection) stays as it is.
 */
public final class NoAutomaticRetries implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.setRetryStrategy(new DefaultHttpRequestRetryStrategy() {
            @Override
            public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
                return false;
            }
        });
    }
}
