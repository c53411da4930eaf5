package org.automb.app.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The start's port check on real sockets. */
class ServerPortTest {

    @Test
    void aPortAnotherProgramListensOnIsNamedWithTheSetting() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> ServerPort.requireFree("0.0.0.0", port))
                .hasMessageStartingWith("HTTP_PORT=" + port + " is already in use on 0.0.0.0");
        }
    }

    @Test
    void aFreePortOrPortZeroPassesAndIsLeftFree() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ServerPort.requireFree("127.0.0.1", port);
        ServerPort.requireFree("0.0.0.0", 0);
        try (ServerSocket again = new ServerSocket(port)) {
            assertThat(again.getLocalPort()).as("the check released the port").isEqualTo(port);
        }
    }

    @Test
    void aHostThatCannotBeListenedOnIsNamed() {
        assertThatThrownBy(() -> ServerPort.requireFree("no-such-host.invalid", 8080))
            .hasMessageStartingWith("HTTP_HOST=no-such-host.invalid HTTP_PORT=8080 cannot be listened on");
    }
}
