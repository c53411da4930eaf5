package org.automb.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.automb.jobs.BookRun;
import org.automb.jobs.PermanentFailure;

/**
 * Checks a finished .m4b in the working folder before it is moved into place: ffprobe reads it, it holds
 * AAC audio, its duration is within 1 s per hour of what went in, and its chapter count is right.
 */
public final class OutputValidator {

    private final FfmpegTools tools;
    private final ExecRunner exec;
    private final java.util.Optional<LibavProbe> libav;
    private final ObjectMapper json = new ObjectMapper();

    public OutputValidator(FfmpegTools tools, ExecRunner exec, java.util.Optional<LibavProbe> libav) {
        this.tools = tools;
        this.exec = exec;
        this.libav = libav;
    }

    /** What the validator saw. */
    public record OutputFacts(double durationSeconds, int chapterCount, String codec) {
    }

    public OutputFacts validate(BookRun run) {
        String key = run.book().key();
        OutputFacts facts = read(run);
        if (!"aac".equals(facts.codec())) {
            throw new PermanentFailure(key, null, "the output holds no AAC audio (found '" + facts.codec() + "')", "");
        }
        if (facts.durationSeconds() <= 0) {
            throw new PermanentFailure(key, null, "the output has no duration", "");
        }
        if (run.plan().decision().mode() == CodecDecision.Mode.PASSTHROUGH) {
            return facts;
        }
        double expected = run.audioMillis() / 1000.0;
        double tolerance = Math.max(0.1, expected / 3600.0);
        if (run.plan().decision().mode() == CodecDecision.Mode.STREAM_COPY) {
            tolerance += run.plan().sources().size() * 2 * 2048.0 / run.plan().sampleRate();
        }
        if (Math.abs(facts.durationSeconds() - expected) > tolerance) {
            throw new PermanentFailure(key, null, String.format(
                "the output lasts %.3f s but the sources add up to %.3f s", facts.durationSeconds(), expected), "");
        }
        if (facts.chapterCount() != run.chapters().size()) {
            throw new PermanentFailure(key, null, "the output has " + facts.chapterCount() + " chapters, expected "
                + run.chapters().size(), "");
        }
        return facts;
    }

    private OutputFacts read(BookRun run) {
        JsonNode root;
        try {
            root = libav.isPresent() ? libav.get().probe(run.workingOutput()) : probeWithFfprobe(run);
        } catch (LibavProbe.Unreadable e) {
            throw new PermanentFailure(run.book().key(), null, "the output cannot be read back by ffprobe", e.getMessage());
        }
        String codec = "";
        for (JsonNode stream : root.path("streams")) {
            if ("audio".equals(stream.path("codec_type").asText())) {
                codec = stream.path("codec_name").asText();
                break;
            }
        }
        return new OutputFacts(root.path("format").path("duration").asDouble(0), root.path("chapters").size(), codec);
    }

    private JsonNode probeWithFfprobe(BookRun run) {
        CommandResult result = exec.run(tools.ffprobeCommand(List.of("-v", "error", "-show_format", "-show_streams",
            "-show_chapters", "-of", "json", run.workingOutput().toString())));
        if (!result.succeeded()) {
            throw new PermanentFailure(run.book().key(), null, "the output cannot be read back by ffprobe",
                result.lastErrorLines(5));
        }
        try {
            return json.readTree(result.stdout());
        } catch (IOException e) {
            throw new PermanentFailure(run.book().key(), null, "ffprobe's report on the output is unreadable", e);
        }
    }
}
