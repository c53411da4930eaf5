package org.automb.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.automb.attempt.BookAttempt;
import org.automb.audio.ShortSourceFinder;
import org.automb.failure.PermanentFailure;
import org.automb.failure.TransientFailure;
import org.automb.media.ffmpeg.CommandResult;
import org.automb.media.ffmpeg.ExecRunner;
import org.automb.media.ffmpeg.FfmpegTools;
import org.automb.media.libav.SampleCounter;
import org.automb.media.mp4.AudioEditList;
import org.automb.media.mp4.NotJoinableException;
import org.automb.plan.CodecDecision;
import org.automb.plan.LibavProbe;

/**
 * Checks a finished .m4b in the working folder before it is moved into place: ffprobe reads it, it holds
 * AAC audio, its duration is within 1 s per hour of what went in, and its chapter count is right. It also checks
 * what players that read MP4 edit lists their own way play: the audio's edit list has one entry (GStreamer's
 * qtdemux plays only the first), which presents the sources' length; read from the moov alone, so it costs no
 * decode. A user's own m4b (passthrough) is delivered as it is, warned about at intake. An output of
 * the wrong length names the source at fault: the one cut short, or that decodes short of its header (see
 * {@link ShortSourceFinder}: only this failure pays for the decode).
 */
public final class OutputValidator {

    private final FfmpegTools tools;
    private final ExecRunner exec;
    private final java.util.Optional<LibavProbe> libav;
    private final ShortSourceFinder shortSources;
    private final ObjectMapper json = new ObjectMapper();

    public OutputValidator(FfmpegTools tools, ExecRunner exec, java.util.Optional<LibavProbe> libav) {
        this(tools, exec, libav, new ShortSourceFinder(libav.map(loaded -> new SampleCounter())));
    }

    /** @param shortSources explains an output of the wrong length */
    public OutputValidator(FfmpegTools tools, ExecRunner exec, java.util.Optional<LibavProbe> libav,
                           ShortSourceFinder shortSources) {
        this.tools = tools;
        this.exec = exec;
        this.libav = libav;
        this.shortSources = shortSources;
    }

    /** What the validator saw. */
    public record OutputFacts(double durationSeconds, int chapterCount, String codec) {
    }

    public OutputFacts validate(BookAttempt run) {
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
            throw lengthMismatch(run, facts.durationSeconds(), expected);
        }
        checkEveryPlayerPlaysItAll(key, run.workingOutput(), expected, tolerance);
        if (facts.chapterCount() != run.chapters().size()) {
            throw new PermanentFailure(key, null, "the output has " + facts.chapterCount() + " chapters, expected "
                + run.chapters().size(), "");
        }
        return facts;
    }

    /**
     * The output's audio edit list has one entry, presenting what went in: a player that honours only the first
     * entry (GStreamer's qtdemux) would otherwise stop early, while ffprobe, which reads them all, sees a whole book.
     */
    static void checkEveryPlayerPlaysItAll(String key, java.nio.file.Path output, double expected, double tolerance) {
        java.util.Optional<AudioEditList> read;
        try {
            read = AudioEditList.read(output);
        } catch (NotJoinableException e) {
            throw new PermanentFailure(key, null, "the output's MP4 structure cannot be read: " + e.getMessage(), "");
        } catch (IOException e) {
            throw new TransientFailure(key, null, "cannot read the output back: " + e.getMessage(), e);
        }
        if (read.isEmpty()) {
            return;
        }
        AudioEditList edits = read.get();
        if (edits.edits().edits().size() != 1) {
            throw new PermanentFailure(key, null, String.format(java.util.Locale.ROOT, "the output's audio has an edit "
                + "list of %d entries: players built on GStreamer would play only the first (%.3f s of %.3f s)",
                edits.edits().edits().size(), edits.firstEntrySeconds(), edits.allEntriesSeconds()), "");
        }
        if (Math.abs(edits.firstEntrySeconds() - expected) > tolerance) {
            throw new PermanentFailure(key, null, String.format(java.util.Locale.ROOT, "the output's edit list presents "
                + "%.3f s but the sources add up to %.3f s", edits.firstEntrySeconds(), expected), "");
        }
    }

    /** The failure for an output of the wrong length, naming the source at fault when one can be found. */
    private PermanentFailure lengthMismatch(BookAttempt run, double lasts, double expected) {
        String lengths = String.format(java.util.Locale.ROOT, "the output lasts %.3f s but the sources add up to %.3f s",
            lasts, expected);
        return shortSources.find(run.plan().sources())
            .map(fault -> new PermanentFailure(run.book().key(), fault.file(), fault.reason() + " (" + lengths + ")", ""))
            .orElseGet(() -> new PermanentFailure(run.book().key(), null, lengths
                + "; every source decodes to the length its header states, so the audio was lost in the conversion", ""));
    }

    private OutputFacts read(BookAttempt run) {
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

    private JsonNode probeWithFfprobe(BookAttempt run) {
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
