package org.automb.status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code --status} for a terminal: a {@link StatusDocument} as a few short sections of plain text. */
public final class StatusText {

    private final DateTimeFormatter time;

    /** @param zone the zone times are shown in (the user's) */
    public StatusText(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(zone);
    }

    /** The document as lines, without a trailing newline on the last. */
    public List<String> render(StatusDocument status, Instant now) {
        List<String> lines = new ArrayList<>();
        lines.add(serviceLine(status, now));
        lines.add("stages: " + status.stages().stream().map(s -> s.name() + " " + s.state())
            .collect(Collectors.joining(", ")));
        lines.add("jobs: " + counts(status.counts()));
        conversionLine(status.conversion()).ifPresent(lines::add);
        lines.add("");
        lines.add("lifetime:     " + totals(status.totals().lifetime()));
        lines.add("this session: " + (status.service().startedAt() == null ? "no service run yet"
            : totals(status.totals().session())));
        section(lines, "converting now", status.inProgress().stream().map(this::running).toList(), 0);
        section(lines, "queued (" + status.queued() + ")", status.queue().stream()
            .map(job -> String.format(Locale.ROOT, "  %-15s %s", job.state(), job.key())).toList(),
            status.queued() - status.queue().size());
        section(lines, "recent conversions", status.recentConversions().stream().map(this::conversion).toList(), 0);
        section(lines, "recent failures", status.recentFailures().stream().map(this::failure).toList(), 0);
        return lines;
    }

    private String serviceLine(StatusDocument status, Instant now) {
        StatusDocument.Service service = status.service();
        String version = "auto-m4b " + status.version();
        if (service.startedAt() == null) {
            return version + ": the service has not run on this job store yet";
        }
        if (service.running()) {
            return version + ": running since " + time.format(service.startedAt()) + " (up "
                + human(service.uptimeSeconds() == null ? 0 : service.uptimeSeconds()) + "), last heartbeat "
                + human(Duration.between(service.heartbeatAt(), now).toSeconds()) + " ago";
        }
        return version + ": not running (last started " + time.format(service.startedAt()) + ", last seen "
            + (service.heartbeatAt() == null ? "never" : time.format(service.heartbeatAt())) + ")";
    }

    /**
     * "conversions held: paused since ... by ...; outside CONVERT_SCHEDULE ..., opens ...", or when the open window
     * closes; nothing when neither a pause nor a window is set.
     */
    java.util.Optional<String> conversionLine(ConversionHold hold) {
        List<String> holds = new ArrayList<>();
        if (hold.pausedSince() != null) {
            holds.add("paused since " + time.format(hold.pausedSince()) + " by " + hold.pausedBy());
        }
        if (hold.outsideSchedule()) {
            holds.add("outside CONVERT_SCHEDULE " + hold.schedule() + ", opens "
                + (hold.opensAt() == null ? "never again" : time.format(hold.opensAt())));
        }
        if (!holds.isEmpty()) {
            return java.util.Optional.of("conversions held: " + String.join("; ", holds));
        }
        if (hold.schedule() == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("conversions: within CONVERT_SCHEDULE " + hold.schedule()
            + (hold.closesAt() == null ? "" : ", closes " + time.format(hold.closesAt())));
    }

    private static String counts(Map<String, Integer> counts) {
        String nonZero = counts.entrySet().stream().filter(e -> e.getValue() > 0)
            .map(e -> e.getValue() + " " + e.getKey().replace('_', ' ')).collect(Collectors.joining(", "));
        return nonZero.isEmpty() ? "none" : nonZero;
    }

    static String totals(Totals totals) {
        StringBuilder line = new StringBuilder();
        line.append(totals.converted()).append(" converted, ").append(totals.passedThrough()).append(" passed through, ")
            .append(totals.failed()).append(" failed");
        if (totals.successRate() != null) {
            line.append(String.format(Locale.ROOT, " (%.0f%% succeeded)", 100 * totals.successRate()));
        }
        line.append("; ").append(totals.tagged()).append(" tagged, ").append(totals.needsReview())
            .append(" needing review");
        line.append("; ").append(human(Math.round(totals.audioHours() * 3600))).append(" of audio, ")
            .append(bytes(totals.audioBytes()));
        if (totals.averageSeconds() != null) {
            line.append("; conversion time average ").append(human(Math.round(totals.averageSeconds())))
                .append(", fastest ").append(human(Math.round(totals.fastestSeconds())))
                .append(", slowest ").append(human(Math.round(totals.slowestSeconds())));
        }
        return line.toString();
    }

    private String running(JobSummary job) {
        Progress p = job.progress();
        if (p == null) {
            return "  " + job.key() + " (" + job.state() + ")";
        }
        return String.format(Locale.ROOT, "  %s: %s %.0f%%%s%s", job.key(), p.stage(), p.percent(),
            p.speed() == null ? "" : String.format(Locale.ROOT, " at %.0fx", p.speed()),
            p.etaSeconds() == null ? "" : ", about " + human(p.etaSeconds()) + " left");
    }

    private String conversion(RunView run) {
        List<String> facts = new ArrayList<>();
        if (run.audioSeconds() != null) {
            facts.add(human(Math.round(run.audioSeconds())) + " of audio");
        }
        if (run.outputBytes() != null) {
            facts.add(bytes(run.outputBytes()));
        }
        if (run.elapsedSeconds() != null) {
            facts.add("took " + human(Math.round(run.elapsedSeconds())));
        }
        if (!"converted".equals(run.outcome())) {
            facts.add(run.outcome().replace('_', ' '));
        }
        return "  " + time.format(run.finishedAt()) + "  " + run.key() + (facts.isEmpty() ? "" : " (" + String.join(", ", facts) + ")");
    }

    private String failure(RunView run) {
        String reason = run.reason() == null ? "" : run.reason().lines().findFirst().orElse("");
        return "  " + time.format(run.finishedAt()) + "  " + run.key() + (reason.isEmpty() ? "" : ": " + reason);
    }

    private static void section(List<String> lines, String title, List<String> items, int more) {
        lines.add("");
        lines.add(title + ":" + (items.isEmpty() ? " none" : ""));
        lines.addAll(items);
        if (more > 0) {
            lines.add("  ... and " + more + " more");
        }
    }

    /** {@code 45 s}, {@code 3 min 5 s}, {@code 2 h 10 min}. */
    static String human(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        return seconds / 3600 + " h" + ((seconds / 60) % 60 == 0 ? "" : " " + (seconds / 60) % 60 + " min");
    }

    /** {@code 512 KB}, {@code 1.2 GB}: as the notifications write sizes. */
    static String bytes(long bytes) {
        return org.automb.notify.NoticeText.size(bytes);
    }
}
