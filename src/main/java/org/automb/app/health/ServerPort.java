package org.automb.app.health;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;

/**
 * The port of the service's HTTP server: checked free before Camel starts, and read back once it has. Camel's Vert.x
 * server only logs a failed bind (with a stack trace) and carries on without listening, so a port in use must be
 * found here, to end the start with one line and exit code 5.
 */
public final class ServerPort {

    private ServerPort() {
    }

    /**
     * Binds and releases {@code host:port}, as the server is about to.
     *
     * @throws IllegalStateException naming HTTP_PORT (or HTTP_HOST) when that fails
     */
    public static void requireFree(String host, int port) {
        if (port == 0) {
            return; // any free port: nothing can be in the way
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as Vert.x binds: a port left in TIME_WAIT is no obstacle
            socket.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            throw new IllegalStateException(inUse(host, port));
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            throw new IllegalStateException("HTTP_HOST=" + host + " HTTP_PORT=" + port + " cannot be listened on: " + e.getMessage());
        }
    }

    /** The line for a port another program holds. */
    public static String inUse(String host, int port) {
        return "HTTP_PORT=" + port + " is already in use on " + host
            + ": another program (or another auto-m4b) listens there; stop it or set HTTP_PORT to a free port";
    }

    /** The port the started server listens on; empty when it does not listen (its bind failed). */
    public static Optional<Integer> listening(CamelContext context) {
        MainHttpServer server = context.hasService(MainHttpServer.class);
        if (server == null || server.getRouter() == null || server.getRouter().getServer() == null
                || server.getRouter().getServer().getServer() == null) {
            return Optional.empty();
        }
        io.vertx.core.http.HttpServer http = server.getRouter().getServer().getServer();
        // Vert.x's public API has no "is bound": after a failed bind actualPort() still names the port asked for
        boolean bound = !(http instanceof io.vertx.core.net.impl.TCPServerBase tcp) || tcp.isListening();
        return bound && http.actualPort() > 0 ? Optional.of(http.actualPort()) : Optional.empty();
    }
}
