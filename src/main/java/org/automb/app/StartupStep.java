package org.automb.app;

import java.util.Objects;

/**
 * One piece of the service's start-up work (create the folders, open the job store, recover from a crash...), named so
 * that the order of {@link StartupSteps} reads as a list and a failure says where start-up stopped.
 */
public record StartupStep(String name, Action action) {

    /** The work of a step; what it throws ends the start as it is (its message is the user's one line). */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    public StartupStep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
    }
}
