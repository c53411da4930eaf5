package org.automb.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.automb.jobs.BookLogTails;
import org.automb.plan.Durations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Logs the progress of a book's audio pass (a running ffmpeg's {@code -progress <file>}, or the in-JVM encoders):
 * percent of the book's duration and speed, so a person can follow a ten-hour encode; and hands it to a
 * {@link ProgressSink} (the job store) more often than it logs, so the page moves every second or so without the
 * log growing by a line a second per book.
 */
public final class ProgressMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressMonitor.class);

    private final ScheduledExecutorService timer;
    private final long intervalMillis;
    private final long logEveryMillis;
    private final ProgressSink sink;

    /** Logs every {@code intervalMillis}, tells no one else. */
    public ProgressMonitor(ScheduledExecutorService timer, long intervalMillis) {
        this(timer, intervalMillis, intervalMillis, null);
    }

    /**
     * @param tickMillis     how often progress is read and handed to {@code sink}
     * @param logEveryMillis how often it is logged (a multiple of {@code tickMillis} is best)
     * @param sink           told at every tick and when the watch stops; null for none
     */
    public ProgressMonitor(ScheduledExecutorService timer, long tickMillis, long logEveryMillis, ProgressSink sink) {
        this.timer = timer;
        this.intervalMillis = tickMillis;
        this.logEveryMillis = logEveryMillis;
        this.sink = sink;
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
        Ticks ticks = new Ticks(bookKey, what, doneSeconds, totalSeconds, System.nanoTime());
        ScheduledFuture<?> task = timer.scheduleAtFixedRate(ticks::tick, intervalMillis, intervalMillis,
            TimeUnit.MILLISECONDS);
        return () -> {
            task.cancel(false);
            ticks.stop();
        };
    }

    /** One watch's ticks; a tick running while the watch stops cannot put progress back after it was cleared. */
    private final class Ticks {
        private final String bookKey;
        private final String what;
        private final java.util.function.DoubleSupplier doneSeconds;
        private final double totalSeconds;
        private final long started;
        private long lastLogged;
        private boolean stopped;

        Ticks(String bookKey, String what, java.util.function.DoubleSupplier doneSeconds, double totalSeconds,
              long started) {
            this.bookKey = bookKey;
            this.what = what;
            this.doneSeconds = doneSeconds;
            this.totalSeconds = totalSeconds;
            this.started = started;
            this.lastLogged = started;
        }

        synchronized void tick() {
            if (stopped) {
                return;
            }
            try {
                report();
            } catch (RuntimeException e) {
                // a scheduled task that throws is never run again: progress is informative, the pass goes on
                LOG.debug("book '{}': progress not reported: {}", bookKey, e.toString());
            }
        }

        synchronized void stop() {
            stopped = true;
            if (sink != null) {
                try {
                    sink.ended(bookKey);
                } catch (RuntimeException e) {
                    LOG.debug("book '{}': progress not cleared: {}", bookKey, e.toString());
                }
            }
        }

        private void report() {
            double done = doneSeconds.getAsDouble();
            if (done <= 0 || totalSeconds <= 0) {
                return;
            }
            long now = System.nanoTime();
            double elapsed = (now - started) / 1e9;
            double speed = done / Math.max(elapsed, 0.001);
            double percent = Math.min(100, 100 * done / totalSeconds);
            if (sink != null) {
                sink.progress(bookKey, what, percent, speed, Math.max(0, totalSeconds - done) / speed);
            }
            // the first tick past each logging period logs (with a millisecond of slack for the timer's drift)
            if ((now - lastLogged) / 1_000_000 >= logEveryMillis - 1) {
                lastLogged = now;
                MDC.put(BookLogTails.BOOK_MDC, bookKey);
                try {
                    LOG.info("book '{}': {} {}% ({} of {}), {}x real time", bookKey, what, Math.round(percent),
                        Durations.format(done), Durations.format(totalSeconds), String.format("%.0f", speed));
                } finally {
                    MDC.remove(BookLogTails.BOOK_MDC);
                }
            }
        }
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
