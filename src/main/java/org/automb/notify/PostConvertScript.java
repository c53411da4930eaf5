package org.automb.notify;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.component.exec.ExecBinding;
import org.automb.jobs.BookLogTails;
import org.automb.jobs.store.DeliveryRecord;
import org.automb.jobs.store.DeliveryTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * POST_CONVERT_SCRIPT (route post-convert-script, docs/notifications.md): what the script is run with, and what its
 * run came to, recorded on the book's job (one row in the deliveries table, kind {@code script}). It runs on the
 * wire-tap's thread after the book is delivered: whatever the script does, the book is not failed, delayed or
 * changed, and the script is never run twice for one event.
 */
public final class PostConvertScript {

    /** The exchange property holding the {@link NotifyEvent} while the body is camel-exec's. */
    public static final String EVENT = "postConvertEvent";

    /** What the runs are recorded as: the deliveries' kind. */
    public static final String KIND = "script";

    private static final Logger LOG = LoggerFactory.getLogger(PostConvertScript.class);

    private final Path script;
    private final Duration timeout;
    private final String instanceName;
    private final Collection<String> secrets;
    private final DeliveryTable deliveries;
    private final Clock clock;

    /**
     * @param script       POST_CONVERT_SCRIPT, absolute (see {@link #resolve})
     * @param timeout      POST_CONVERT_SCRIPT_TIMEOUT
     * @param instanceName INSTANCE_NAME, the script's AUTO_M4B_INSTANCE
     * @param secrets      every secret of the settings: masked in the recorded and logged output (the script
     *                     inherits the service's environment, and may print it)
     */
    public PostConvertScript(Path script, Duration timeout, String instanceName, Collection<String> secrets,
                             DeliveryTable deliveries, Clock clock) {
        this.script = script;
        this.timeout = timeout;
        this.instanceName = instanceName;
        this.secrets = List.copyOf(secrets);
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /** POST_CONVERT_SCRIPT as it is run: a relative path is taken from the service's working folder at start. */
    public static Path resolve(String setting) {
        return Path.of(setting).toAbsolutePath().normalize();
    }

    /**
     * Why POST_CONVERT_SCRIPT cannot be run, one line per problem naming the setting and the path; empty when it is
     * unset or a program the service may run. Checked before the start, like the folders.
     */
    public static List<String> problems(String setting) {
        if (setting == null || setting.isBlank()) {
            return List.of();
        }
        Path path;
        try {
            path = resolve(setting);
        } catch (InvalidPathException e) {
            return List.of("POST_CONVERT_SCRIPT=" + setting + " is not a valid path: " + e.getReason());
        }
        String named = "POST_CONVERT_SCRIPT=" + setting + (path.toString().equals(setting) ? "" : " (" + path + ")");
        if (!Files.exists(path)) {
            return List.of(named + " does not exist");
        }
        if (Files.isDirectory(path)) {
            return List.of(named + " is a folder, not a program");
        }
        if (!Files.isExecutable(path)) {
            return List.of(named + " is not executable by this service (chmod +x it; it is run as a program, by its"
                + " #! line, never through a shell)");
        }
        return List.of();
    }

    /**
     * Sets camel-exec's headers for one run for {@code event}: the script alone as the command (no arguments), the
     * delivered book's folder as the working folder (the service's own when the event has no file), the timeout, and
     * the AUTO_M4B_* variables for {@link ScriptExecBinding}. The body is emptied: the script's input is empty.
     */
    public void prepare(@Body NotifyEvent event, Message message) {
        message.setHeader(ExecBinding.EXEC_COMMAND_EXECUTABLE, script.toString());
        message.setHeader(ExecBinding.EXEC_COMMAND_ARGS, List.<String>of());
        String folder = ScriptVariables.convertedDir(event.file());
        if (!folder.isEmpty() && Files.isDirectory(Path.of(folder))) {
            message.setHeader(ExecBinding.EXEC_COMMAND_WORKING_DIR, folder);
        }
        message.setHeader(ExecBinding.EXEC_COMMAND_TIMEOUT, timeout.toMillis());
        message.setHeader(ScriptExecBinding.ENVIRONMENT, ScriptVariables.of(event, instanceName));
        message.setBody(null);
    }

    /** Records and logs a run that ended (exit code and output tail) or was killed at the timeout. */
    public DeliveryRecord finished(@ExchangeProperty(EVENT) NotifyEvent event, @Body ScriptProcess.Result result) {
        String output = Masking.text(result.outputTail(), secrets);
        if (result.timedOut()) {
            String detail = "killed after " + timeout.toSeconds() + " s (POST_CONVERT_SCRIPT_TIMEOUT)"
                + (output.isEmpty() ? "" : "\n" + output);
            DeliveryRecord recorded = record(event, "timed_out", null, detail);
            withBookMdc(event, () -> LOG.warn("book '{}': post-convert script {} ran longer than {} s and was killed{}",
                event.key(), script, timeout.toSeconds(), lastLine(output)));
            return recorded;
        }
        int exit = result.getExitValue();
        DeliveryRecord recorded = record(event, exit == 0 ? "ok" : "failed", exit, output);
        if (exit == 0) {
            withBookMdc(event, () -> LOG.info("book '{}': post-convert script {} succeeded", event.key(), script));
        } else {
            withBookMdc(event, () -> LOG.warn("book '{}': post-convert script {} failed with exit code {}{}",
                event.key(), script, exit, lastLine(output)));
        }
        return recorded;
    }

    /**
     * Records and logs a script that did not run to its end: it could not be started (deleted, no longer
     * executable, a bad #! line) or the service stopped while it ran (then it was killed).
     */
    public DeliveryRecord notRun(@ExchangeProperty(EVENT) NotifyEvent event,
                                 @ExchangeProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT) Exception cause) {
        String why = Masking.text(String.valueOf(cause.getMessage()), secrets);
        DeliveryRecord recorded = record(event, "failed", null, why);
        withBookMdc(event, () -> LOG.warn("book '{}': post-convert script {} did not run: {}", event.key(), script,
            why));
        return recorded;
    }

    private DeliveryRecord record(NotifyEvent event, String outcome, Integer exit, String detail) {
        return deliveries.record(new DeliveryRecord(0, clock.instant(), event.key(), event.type().code(),
            script.toString(), KIND, outcome, 1, exit, detail));
    }

    private static String lastLine(String output) {
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1);
    }

    private static void withBookMdc(NotifyEvent event, Runnable log) {
        if (event.key() == null) {
            log.run();
            return;
        }
        String before = MDC.get(BookLogTails.BOOK_MDC);
        MDC.put(BookLogTails.BOOK_MDC, event.key());
        try {
            log.run();
        } finally {
            if (before == null) {
                MDC.remove(BookLogTails.BOOK_MDC);
            } else {
                MDC.put(BookLogTails.BOOK_MDC, before);
            }
        }
    }
}
