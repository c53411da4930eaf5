package org.automb.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Start-up steps run in their order, and the first that fails ends the start with its own exception. */
class StartupStepsTest {

    @Test
    void theStepsRunInTheirOrder() throws Exception {
        List<String> ran = new ArrayList<>();
        StartupSteps steps = new StartupSteps(List.of(
            new StartupStep("first", () -> ran.add("first")),
            new StartupStep("second", () -> ran.add("second")),
            new StartupStep("third", () -> ran.add("third"))));

        steps.runInOrder();

        assertThat(ran).containsExactly("first", "second", "third");
        assertThat(steps.names()).containsExactly("first", "second", "third");
    }

    @Test
    void aFailingStepStopsTheStepsAfterItAndItsFailureGoesOnUnchanged() {
        List<String> ran = new ArrayList<>();
        IOException broken = new IOException("cannot create /data/converted: permission denied");
        StartupSteps steps = new StartupSteps(List.of(
            new StartupStep("first", () -> ran.add("first")),
            new StartupStep("fails", () -> {
                ran.add("fails");
                throw broken;
            }),
            new StartupStep("after", () -> ran.add("after"))));

        Exception thrown = catchException(steps::runInOrder);

        assertThat(ran).containsExactly("first", "fails");
        // unchanged, so the command line tells the same one line with the same exit code as before
        assertThat(thrown).isSameAs(broken);
    }
}
