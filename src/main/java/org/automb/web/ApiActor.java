package org.automb.web;

import io.vertx.ext.auth.User;
import org.automb.config.WebSettings.AuthMethod;

/**
 * Who asks for an action, for the audit log: the user the authentication guard put on the request (the login name,
 * or {@code api-key} for a request made with the key), {@code anonymous} with AUTH_METHOD=none.
 */
public final class ApiActor {

    /** Camel's header for the Vert.x user of the request (set by platform-http from the routing context, never by the client). */
    public static final String USER_HEADER = "CamelVertxPlatformHttpAuthenticatedUser";

    static final String ANONYMOUS = "anonymous";

    private final AuthMethod authMethod;

    public ApiActor(AuthMethod authMethod) {
        this.authMethod = authMethod;
    }

    /** The actor of a request whose {@link #USER_HEADER} is {@code user} (null when the guard set none). */
    public String of(Object user) {
        if (user instanceof User authenticated && authenticated.subject() != null) {
            return authenticated.subject();
        }
        if (authMethod == AuthMethod.NONE) {
            return ANONYMOUS;
        }
        // the guard lets no request through without credentials: a request without a user got past it
        throw new IllegalStateException("an API action without an authenticated user while AUTH_METHOD=forms");
    }
}
