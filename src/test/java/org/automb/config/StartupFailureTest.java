package org.automb.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** A start-up failure's one line: every cause once, line breaks folded, secrets hidden. */
class StartupFailureTest {

    @Test
    void theCausesAreJoinedOnceOnOneLine() {
        Exception failure = new IllegalStateException("cannot open the job database at jdbc:sqlite:/c/auto-m4b.db",
            new RuntimeException("Unable to obtain connection\n-----------\nSQL State : 08001",
                new SQLException("Unable to obtain connection")));

        assertThat(StartupFailure.describe(failure)).isEqualTo(
            "cannot open the job database at jdbc:sqlite:/c/auto-m4b.db: Unable to obtain connection SQL State : 08001");
    }

    @Test
    void passwordsInUrlsAreHidden() {
        String line = StartupFailure.describe(new RuntimeException(
            "no connection to jdbc:postgresql://db/automb?user=me&password=hunter2 nor postgres://me:hunter2@db/x"));

        assertThat(line).doesNotContain("hunter2").contains("user=me&password=***", "//me:***@db/x");
    }

    @Test
    void aFailureWithoutMessageIsNamedByItsType() {
        assertThat(StartupFailure.describe(new NullPointerException())).isEqualTo("NullPointerException");
    }
}
