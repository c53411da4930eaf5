package org.automb.media.ffmpeg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.exec.ExecResult;

/**
 * Runs short ffmpeg/ffprobe commands (probes, validation) through camel-exec from inside beans.
 * The command is an argument list handed to the process as is: no shell ever sees a file name.
 * The long-running encode is not run here but by the {@code exec:} steps of the convert-book and join-aac-parts
 * routes in routes/process-book.camel.yaml.
 */
public final class ExecRunner {

    private final ProducerTemplate producer;

    public ExecRunner(ProducerTemplate producer) {
        this.producer = producer;
    }

    /** Runs {@code command} (executable first) and returns its exit code and output. */
    public CommandResult run(List<String> command) {
        Exchange result = producer.send("exec:ffmpeg", exchange -> {
            ExecHeaders.set(exchange.getIn(), command);
            exchange.getIn().setBody(null);
        });
        if (result.getException() != null) {
            throw new IllegalStateException("could not start " + command.get(0) + ": " + result.getException().getMessage(),
                result.getException());
        }
        return toCommandResult(result.getMessage().getBody(ExecResult.class));
    }

    /** Reads exit code and both output streams of a camel-exec result. */
    public static CommandResult toCommandResult(ExecResult exec) {
        return new CommandResult(exec.getExitValue(), read(exec.getStdout()), read(exec.getStderr()));
    }

    private static String read(InputStream in) {
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
