package org.automb.audio.ffmpeg;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.component.exec.ExecResult;
import org.automb.attempt.BookAttempt;
import org.automb.attempt.RouteKeys;
import org.automb.failure.PermanentFailure;
import org.automb.failure.TransientFailure;
import org.automb.media.ffmpeg.CommandResult;
import org.automb.plan.ConversionPlan;
import org.automb.plan.SourcePlacement;

/**
 * {@link org.automb.plan.AudioPath#FFMPEG_PCM_FEED}: each source decoded by its own ffmpeg and fed as PCM to one encoder's stdin
 * ({@link PcmFeed}); the bytes each decoder delivers place the chapters to the sample. For books of mixed formats, or
 * without the libraries' sample count.
 */
public final class PcmFeedPass implements FfmpegAudioPass {

    private final FfmpegAudioCommand command;

    public PcmFeedPass(FfmpegAudioCommand command) {
        this.command = command;
    }

    @Override
    public void prepare(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt attempt, Message message) {
        ConversionPlan plan = attempt.plan();
        long limit = command.limitMillis(plan);
        // taken before the feed's cut-off is scheduled: a cut-off then always finds the limit passed in check()
        long start = System.nanoTime();
        PcmFeed feed = new PcmFeed(command.tools(), plan.sources(), plan.sampleRate(), plan.channels(), attempt.workDir());
        List<String> args = FfmpegAudioCommand.commonArguments();
        args.addAll(feed.encoderInputArguments());
        args.addAll(List.of("-map", "0:a", "-c:a", "aac", "-b:a", plan.bitrateKbps() + "k"));
        attempt.onClose(feed);
        // the watchdog's SIGTERM does not end an ffmpeg blocked reading its stdin (a stalled decoder): ending the
        // stream at the limit does
        CompletableFuture<Void> cutOff = CompletableFuture.runAsync(feed::close,
            CompletableFuture.delayedExecutor(limit, TimeUnit.MILLISECONDS));
        attempt.onClose(() -> cutOff.cancel(false));
        message.setBody(feed);
        command.start(attempt, message, args, new FfmpegPass(start, limit, new FfmpegPass.Feed(feed)), "encoding");
    }

    @Override
    public void check(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt attempt, @Body ExecResult exec) {
        PcmFeed feed = attempt.passUnderWay(FfmpegPass.class).input(FfmpegPass.Feed.class).feed();
        CommandResult result = command.finish(attempt, exec, () -> !feed.isComplete());
        if (feed.failure().isPresent()) {
            PcmFeed.DecodeFailure failure = feed.failure().get();
            throw new PermanentFailure(attempt.book().key(), failure.file(), "the audio cannot be decoded: " + failure.reason(), "");
        }
        FfmpegAudioCommand.requireSuccess(attempt, result);
        if (!feed.isComplete()) {
            throw new TransientFailure(attempt.book().key(), null, "the encoder stopped before all files were read",
                result.lastErrorLines(5));
        }
        FfmpegAudioCommand.place(attempt, SourcePlacement.fromSamples(feed.samplesPerSource(), feed.sampleRate()));
    }
}
