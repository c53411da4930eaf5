package org.automb.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.automb.plan.Durations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the progress of a book's audio pass (a running ffmpeg's {@code -progress <file>}, or the in-JVM encoders):
 * percent of the book's duration and speed, so a person can follow a ten-hour encode.
 */
public final class ProgressMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressMonitor.class);

    private final ScheduledExecutorService timer;
    private final long intervalMillis;

    public ProgressMonitor(ScheduledExecutorService timer, long intervalMillis) {
        this.timer = timer;
        this.intervalMillis = intervalMillis;
    }

    /** A running watch; {@link #stop()} it when ffmpeg has ended. */
    public interface Watch {
        void stop();
    }

    /** Starts logging {@code progressFile} for the book; {@code totalSeconds} is 100%. */
    public Watch watch(String bookKey, String what, Path progressFile, double totalSeconds) {
        return watch(bookKey, what, () -> lastOutTimeSeconds(progressFile), totalSeconds);
    }

    /** Starts logging the progress {@code doneSeconds} reports (seconds of the book's audio written so far). */
    public Watch watch(String bookKey, String what, java.util.function.DoubleSupplier doneSeconds, double totalSeconds) {
        long started = System.nanoTime();
        ScheduledFuture<?> task = timer.scheduleAtFixedRate(
            () -> report(bookKey, what, doneSeconds, totalSeconds, started), intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        return () -> task.cancel(false);
    }

    private void report(String bookKey, String what, java.util.function.DoubleSupplier doneSeconds, double totalSeconds,
                        long started) {
        double done = doneSeconds.getAsDouble();
        if (done <= 0 || totalSeconds <= 0) {
            return;
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        LOG.info("book '{}': {} {}% ({} of {}), {}x real time", bookKey, what,
            Math.min(100, Math.round(100 * done / totalSeconds)), Durations.format(done), Durations.format(totalSeconds),
            String.format("%.0f", done / Math.max(elapsed, 0.001)));
    }

    /** The last {@code out_time_us} ffmpeg wrote, in seconds; 0 when none yet. */
    public static double lastOutTimeSeconds(Path progressFile) {
        try {
            if (!Files.exists(progressFile)) {
                return 0;
            }
            List<String> lines = Files.readAllLines(progressFile);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String line = lines.get(i);
                if (line.startsWith("out_time_us=")) {
                    String value = line.substring("out_time_us=".length()).trim();
                    return value.equals("N/A") ? 0 : Long.parseLong(value) / 1e6;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // progress is informative only; a half-written line is read again next time
        }
        return 0;
    }
}
