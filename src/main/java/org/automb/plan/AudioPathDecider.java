package org.automb.plan;


import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, once per attempt, how a planned book's audio is written ({@link AudioPath}), from the codec decision,
 * whether its AAC parts are joinable as they are, and what this service can run: the in-JVM encoder (libraries
 * loaded, {@code ENCODER=libav}, no {@code FFMPEG_PATH}), the in-JVM sample count that the concat encode needs
 * (libraries loaded), the ffmpeg program, and the crash guard's suspicion.
 */
public final class AudioPathDecider {

    private static final Logger LOG = LoggerFactory.getLogger(AudioPathDecider.class);

    /** The path, and the plan as it is carried out (a stream copy may become an encode, which the plan then says). */
    public record Choice(AudioPath path, ConversionPlan plan) {
    }

    private final boolean inJvmEncoder;
    private final boolean concatEncode;
    private final Predicate<String> crashSuspected;
    private final Supplier<Optional<String>> programUnavailable;

    /**
     * @param inJvmEncoder       the in-JVM encoder is in use (see {@link org.automb.audio.libav.LibavEncodeStep#wanted})
     * @param concatEncode       the in-JVM sample count is there (the libraries loaded), which the concat encode needs
     * @param crashSuspected     books the service stopped during their last in-JVM encode (a crash in a decoder?):
     *                           left to an ffmpeg process, where a crash fails only the attempt
     * @param programUnavailable why the ffmpeg program cannot run here (its libavdevice's system libraries missing)
     */
    public AudioPathDecider(boolean inJvmEncoder, boolean concatEncode, Predicate<String> crashSuspected,
                            Supplier<Optional<String>> programUnavailable) {
        this.inJvmEncoder = inJvmEncoder;
        this.concatEncode = concatEncode;
        this.crashSuspected = crashSuspected;
        this.programUnavailable = programUnavailable;
    }

    /** The path for {@code plan}; {@code partsJoinable}: its stream-copied AAC parts are taken by the MP4 joiner. */
    public Choice decide(ConversionPlan plan, boolean partsJoinable) {
        String key = plan.book().key();
        CodecDecision.Mode mode = plan.decision().mode();
        if (mode == CodecDecision.Mode.PASSTHROUGH) {
            return new Choice(AudioPath.PASSTHROUGH, plan);
        }
        if (mode == CodecDecision.Mode.STREAM_COPY && partsJoinable) {
            return new Choice(AudioPath.AAC_JOIN, plan);
        }
        ConversionPlan carriedOut = plan;
        boolean inJvm = false;
        if (inJvmEncoder && mode == CodecDecision.Mode.ENCODE) {
            inJvm = true;
        } else if (inJvmEncoder) {
            // parts the joiner cannot take (raw ADTS, fragmented MP4) are joined by the ffmpeg program; where that cannot
            // load, the book is encoded in the JVM rather than failed
            Optional<String> unavailable = programUnavailable.get();
            if (unavailable.isPresent()) {
                LOG.warn("book '{}': its AAC parts are joined by the ffmpeg program, which {}; encoding the book in the JVM "
                    + "instead", key, unavailable.get());
                carriedOut = encodedInstead(plan);
                inJvm = true;
            }
        }
        if (inJvm && crashSuspected.test(key)) {
            LOG.info("book '{}': the service stopped during its last in-JVM encode (a crash in the decoder?); encoding it "
                + "with an ffmpeg process this time, where a crash fails only the attempt", key);
            inJvm = false;
        }
        if (inJvm) {
            return new Choice(AudioPath.JVM_SEGMENTS, carriedOut);
        }
        if (carriedOut.decision().mode() == CodecDecision.Mode.STREAM_COPY) {
            return new Choice(AudioPath.FFMPEG_CONCAT_COPY, carriedOut);
        }
        return new Choice(concatEncode && carriedOut.oneDecoderReadsEverySource() ? AudioPath.FFMPEG_CONCAT_ENCODE
            : AudioPath.FFMPEG_PCM_FEED, carriedOut);
    }

    /** The plan says what was done, for the validator and intake.json. */
    private static ConversionPlan encodedInstead(ConversionPlan plan) {
        return new ConversionPlan(plan.book(), plan.sources(), new CodecDecision(CodecDecision.Mode.ENCODE,
            plan.decision().reason().replaceFirst(": joined without re-encoding$", "")
                + ": encoded, the ffmpeg program that joins such parts as they are cannot be loaded here"),
            plan.bitrateKbps(), plan.sampleRate(), plan.channels(), plan.chapterTitles(), plan.chapterMarks(),
            plan.tags(), plan.cover());
    }
}
