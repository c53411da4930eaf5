package org.automb.app.health;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.automb.config.StartupFailure;

/**
 * Runs the checks behind {@code /health/live} and {@code /health/ready} through Camel's health-check API and tells
 * the result as a {@link HealthReport}. Both take Camel's {@code context} check (the context started and running);
 * readiness adds the service's own {@link ReadinessCheck}s. Camel's per-route and per-consumer checks are left out:
 * a book that fails is handled by retries and the failed folder, and must not make the whole service unready.
 */
public final class HealthReports {

    /** Id of Camel's own check that the context is started. */
    static final String CONTEXT_CHECK = "context";

    private final CamelContext context;

    public HealthReports(CamelContext context) {
        this.context = context;
    }

    /** The context is started and running. */
    public HealthReport liveness() {
        return run(HealthCheck.Kind.LIVENESS, HealthCheck::isLiveness);
    }

    /** Every named readiness check, each UP or DOWN with its reason. */
    public HealthReport readiness() {
        return run(HealthCheck.Kind.READINESS, HealthCheck::isReadiness);
    }

    private HealthReport run(HealthCheck.Kind kind, Predicate<HealthCheck> ofKind) {
        Predicate<HealthCheck> wanted = ofKind.and(check -> ReadinessCheck.GROUP.equals(check.getGroup())
            || CONTEXT_CHECK.equals(check.getId()));
        // "full": every result, not just the DOWN ones Camel's default exposure keeps
        Collection<HealthCheck.Result> results = HealthCheckHelper.invoke(context,
            check -> Map.of(HealthCheck.CHECK_KIND, kind), wanted.negate(), "full");
        List<HealthReport.Check> checks = results.stream()
            .sorted(Comparator.comparingInt((HealthCheck.Result r) -> r.getCheck().getOrder())
                .thenComparing(r -> r.getCheck().getId()))
            .map(HealthReports::checkOf)
            .toList();
        return new HealthReport(checks);
    }

    private static HealthReport.Check checkOf(HealthCheck.Result result) {
        boolean up = result.getState() == HealthCheck.State.UP;
        String reason = up ? null : result.getMessage()
            .or(() -> result.getError().map(StartupFailure::describe))
            .map(StartupFailure::oneLine)
            .orElse(result.getState().name().toLowerCase(java.util.Locale.ROOT));
        return new HealthReport.Check(result.getCheck().getId(), up, reason);
    }
}
