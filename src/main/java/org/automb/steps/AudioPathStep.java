package org.automb.steps;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.automb.attempt.BookAttempt;
import org.automb.attempt.RouteKeys;
import org.automb.audio.ShortSourceFinder;
import org.automb.failure.PermanentFailure;
import org.automb.failure.TransientFailure;
import org.automb.media.AudioSource;
import org.automb.media.mp4.AacPartJoiner;
import org.automb.media.mp4.NotJoinableException;
import org.automb.plan.AudioPathDecider;
import org.automb.plan.CodecDecision;
import org.automb.plan.ConversionPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The planning's last step (attempt-book route): reads the headers of a stream copy's AAC parts once, to know whether
 * the MP4 joiner takes them (the join then uses what was read), and records the {@link org.automb.plan.AudioPath} that
 * {@link AudioPathDecider} chooses in the attempt.
 */
public final class AudioPathStep {

    private static final Logger LOG = LoggerFactory.getLogger(AudioPathStep.class);

    private final AudioPathDecider decider;
    private final Executor partReaders;

    /** @param partReaders where the parts' headers are read, side by side (the probe's pool) */
    public AudioPathStep(AudioPathDecider decider, Executor partReaders) {
        this.decider = decider;
        this.partReaders = partReaders;
    }

    /**
     * Chooses the attempt's audio path (and, for a stream copy the joiner takes, keeps its parts); sets header
     * {@link RouteKeys#AUDIO_PATH}, its name, which the attempt-book route branches on.
     */
    public void choose(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt attempt, Message message) {
        ConversionPlan plan = attempt.plan();
        Optional<AacPartJoiner.JoinableParts> parts = Optional.empty();
        if (plan.decision().mode() == CodecDecision.Mode.STREAM_COPY) {
            long started = System.nanoTime();
            parts = joinable(attempt.book().key(), plan);
            attempt.timed("audio", Duration.ofNanos(System.nanoTime() - started));
        }
        AudioPathDecider.Choice choice = decider.decide(plan, parts.isPresent());
        attempt.plan(choice.plan());
        attempt.audioPath(choice.path());
        parts.ifPresent(attempt::joinableParts);
        message.setHeader(RouteKeys.AUDIO_PATH, choice.path().name());
        LOG.debug("book '{}': audio path {}", attempt.book().key(), choice.path());
    }

    /**
     * The parts, when the joiner takes them; otherwise (raw ADTS, fragmented MP4, codec setups that differ...) the
     * book is joined by ffmpeg's concat demuxer as before, saying why at debug.
     */
    private Optional<AacPartJoiner.JoinableParts> joinable(String bookKey, ConversionPlan plan) {
        try {
            return Optional.of(AacPartJoiner.inspect(plan.sources().stream().map(AudioSource::file).toList(), partReaders));
        } catch (NotJoinableException e) {
            // a part cut short is the book's failure: a join by ffmpeg would take its missing audio for a gap
            ShortSourceFinder.cutShort(plan.sources()).ifPresent(cut -> {
                throw new PermanentFailure(bookKey, cut.file(), cut.reason(), "");
            });
            LOG.debug("book '{}': parts joined by ffmpeg's concat demuxer, not the MP4 joiner: {}", bookKey, e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            throw new TransientFailure(bookKey, null, "cannot read the parts: " + e.getMessage(), e);
        }
    }
}
