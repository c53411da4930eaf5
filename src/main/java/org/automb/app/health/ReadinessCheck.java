package org.automb.app.health;

import java.util.Map;
import java.util.Optional;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.automb.config.StartupFailure;

/**
 * One of the service's named readiness checks ({@code /health/ready}): UP, or DOWN with a short reason for the user.
 * Each must be cheap, as a probe calls it every few seconds: a stat or one query, never a walk of a folder.
 */
public abstract class ReadinessCheck extends AbstractHealthCheck {

    /** The group of the service's own checks; {@link HealthReports} lists these (and Camel's context check). */
    public static final String GROUP = "auto-m4b";

    private final int order;

    protected ReadinessCheck(String name, int order) {
        super(GROUP, name);
        this.order = order;
    }

    /** Why the check is DOWN, or empty when it is UP. */
    protected abstract Optional<String> problem();

    /** The problem as one line, or empty when it is UP; never throws (what throws is the problem). */
    final Optional<String> currentProblem() {
        Optional<String> problem;
        try {
            problem = problem();
        } catch (RuntimeException e) {
            problem = Optional.of(StartupFailure.describe(e));
        }
        return problem.map(StartupFailure::oneLine);
    }

    /** A HealthIssue notification's title for this check's problem ({@link HealthWatch}): names what is wrong. */
    protected String issueTitle() {
        return "Health check " + getId() + " is down";
    }

    /** What the user can do about this check's problem, and what waits meanwhile; a sentence or two. */
    protected String remedy() {
        return "See /health/ready and the service's log.";
    }

    @Override
    protected final void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        currentProblem().ifPresentOrElse(reason -> builder.down().message(reason), builder::up);
    }

    @Override
    public boolean isLiveness() {
        // a full disk or a missing folder is no reason to restart the service: it is not ready, not dead
        return false;
    }

    @Override
    public int getOrder() {
        return order;
    }
}
