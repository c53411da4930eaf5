package org.automb.status;

import org.automb.jobs.store.BookRun;
import org.automb.tagging.TagState;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Totals and daily counts of finished runs. */
final class RunStatistics {

    /** Days in {@link StatusDocument#daily()}. */
    static final int DAYS = 30;

    private final Clock clock;

    RunStatistics(Clock clock) {
        this.clock = clock;
    }

    /**
     * What {@code runs} came to; timings are of the converted runs' wall-clock time.
     *
     * @param taggedBooks the books the tag stage left in each state over the same period (job store's tag results)
     */
    Totals totals(List<BookRun> runs, Map<String, Integer> taggedBooks) {
        int converted = 0;
        int passedThrough = 0;
        int failed = 0;
        double audioSeconds = 0;
        long audioBytes = 0;
        long timedRuns = 0;
        double elapsedSum = 0;
        Double fastest = null;
        Double slowest = null;
        for (BookRun run : runs) {
            switch (run.outcome()) {
                case CONVERTED -> converted++;
                case PASSED_THROUGH -> passedThrough++;
                case FAILED -> failed++;
                default -> {
                    continue;
                }
            }
            if (run.outcome() == BookRun.Outcome.FAILED) {
                continue;
            }
            audioSeconds += run.audioSeconds() == null ? 0 : run.audioSeconds();
            audioBytes += run.outputBytes() == null ? 0 : run.outputBytes();
            Long millis = run.elapsedMillis();
            if (run.outcome() == BookRun.Outcome.CONVERTED && millis != null) {
                double seconds = millis / 1000.0;
                timedRuns++;
                elapsedSum += seconds;
                fastest = fastest == null ? seconds : Math.min(fastest, seconds);
                slowest = slowest == null ? seconds : Math.max(slowest, seconds);
            }
        }
        int finished = converted + passedThrough + failed;
        Double successRate = finished == 0 ? null : (double) (converted + passedThrough) / finished;
        Double average = timedRuns == 0 ? null : elapsedSum / timedRuns;
        return new Totals(converted, passedThrough, failed, taggedBooks.getOrDefault(TagState.TAGGED.code(), 0),
            taggedBooks.getOrDefault(TagState.NEEDS_REVIEW.code(), 0), successRate, average, fastest, slowest,
            audioSeconds / 3600.0, audioBytes);
    }

    /** The last {@value #DAYS} UTC days up to today, oldest first, each with its delivered and failed runs. */
    List<StatusDocument.DailyCount> daily(List<BookRun> runs) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = today.minusDays(DAYS - 1);
        Map<LocalDate, int[]> counts = new LinkedHashMap<>();
        Map<LocalDate, Double> seconds = new LinkedHashMap<>();
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            counts.put(day, new int[2]);
            seconds.put(day, 0.0);
        }
        for (BookRun run : runs) {
            LocalDate day = LocalDate.ofInstant(run.finishedAt(), ZoneOffset.UTC);
            int[] count = counts.get(day);
            if (count == null) {
                continue;
            }
            switch (run.outcome()) {
                case CONVERTED, PASSED_THROUGH -> {
                    count[0]++;
                    seconds.merge(day, run.audioSeconds() == null ? 0 : run.audioSeconds(), Double::sum);
                }
                case FAILED -> count[1]++;
                default -> {
                    // cancelled and skipped runs are neither
                }
            }
        }
        List<StatusDocument.DailyCount> daily = new ArrayList<>();
        counts.forEach((day, count) -> daily.add(new StatusDocument.DailyCount(day, count[0], count[1],
            seconds.get(day) / 3600.0)));
        return daily;
    }
}
