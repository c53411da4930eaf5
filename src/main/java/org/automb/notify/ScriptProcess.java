package org.automb.notify;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.exec.ExecCommand;
import org.apache.camel.component.exec.ExecCommandExecutor;
import org.apache.camel.component.exec.ExecResult;

/**
 * camel-exec's executor for the post-convert script ({@code commandExecutor=#postConvertScriptExecutor}). Unlike
 * camel-exec's own (commons-exec), it sets the environment variables of {@link ScriptExecBinding.Command}, kills the
 * script's children with it at the timeout (commons-exec kills the script alone, then waits for any child still
 * holding its output open), and keeps only the output's tail, however much a script prints: stdout and stderr go,
 * interleaved as printed, to a temporary file whose last {@link #TAIL_BYTES} bytes are read once the script ends.
 * The program is started as an argument list ({@link ProcessBuilder}); its standard input is empty.
 */
public final class ScriptProcess implements ExecCommandExecutor {

    /** How much of the output is kept: the last lines, at most this many bytes. */
    public static final int TAIL_BYTES = 4096;

    /** How long the script and its children get to end after SIGTERM before they are killed with SIGKILL. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    @Override
    public Result execute(ExecCommand command) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add(command.getExecutable());
        argv.addAll(command.getArgs());
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (command instanceof ScriptExecBinding.Command withEnvironment) {
            builder.environment().putAll(withEnvironment.environment());
        }
        if (command.getWorkingDir() != null && !command.getWorkingDir().isEmpty()) {
            builder.directory(new File(command.getWorkingDir()));
        }
        Path output = Files.createTempFile("post-convert-script-", ".out");
        try {
            builder.redirectOutput(output.toFile());
            Process process = builder.start();
            boolean timedOut = !waitFor(process, command.getTimeout());
            if (timedOut) {
                killWithChildren(process);
            }
            String tail = tail(output);
            Integer exit = timedOut ? null : process.exitValue();
            return new Result(command, tail, exit == null ? -1 : exit, timedOut);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean waitFor(Process process, long timeoutMillis) throws IOException {
        try {
            return process.waitFor(timeoutMillis <= 0 ? Long.MAX_VALUE : timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // the service is stopping: the script must not outlive it
            killWithChildren(process);
            Thread.currentThread().interrupt();
            throw new IOException("the service stopped while the script ran; it was killed", e);
        }
    }

    /**
     * SIGTERM to the script and every process it started, then, once the script has ended or after {@link #GRACE},
     * SIGKILL to whichever of them is left. Only the script itself is waited for: a child that ended may stay a
     * zombie until its new parent reaps it, which is no reason to wait.
     */
    static void killWithChildren(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of {@code file}, at most {@link #TAIL_BYTES} bytes; a line cut at the start is left out. */
    static String tail(Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long start = Math.max(0, length - TAIL_BYTES);
            byte[] bytes = new byte[(int) (length - start)];
            in.seek(start);
            in.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (start > 0 && text.indexOf('\n') >= 0) {
                text = text.substring(text.indexOf('\n') + 1);
            }
            return text.stripTrailing();
        }
    }

    /**
     * What a run of the script came to: camel-exec's result (its stdout stream holds the output's tail, stderr is
     * merged into it) plus whether it was killed at the timeout.
     */
    public static final class Result extends ExecResult {

        private static final long serialVersionUID = 1L;

        private final String outputTail;
        private final boolean timedOut;

        Result(ExecCommand command, String outputTail, int exitValue, boolean timedOut) {
            super(command, new ByteArrayInputStream(outputTail.getBytes(StandardCharsets.UTF_8)), null, exitValue);
            this.outputTail = outputTail;
            this.timedOut = timedOut;
        }

        /** The last lines the script printed (stdout and stderr as interleaved), at most {@link #TAIL_BYTES}. */
        public String outputTail() {
            return outputTail;
        }

        /** True when it ran past its timeout and was killed; then {@link #getExitValue()} is -1. */
        public boolean timedOut() {
            return timedOut;
        }
    }
}
