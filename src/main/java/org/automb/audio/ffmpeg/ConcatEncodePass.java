package org.automb.audio.ffmpeg;

import java.util.List;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.component.exec.ExecResult;
import org.automb.attempt.BookAttempt;
import org.automb.attempt.RouteKeys;
import org.automb.io.Futures;
import org.automb.media.ffmpeg.CommandResult;
import org.automb.plan.ConversionPlan;
import org.automb.plan.SourcePlacement;

/**
 * {@link org.automb.plan.AudioPath#FFMPEG_CONCAT_ENCODE}: sources of one codec, rate and channel count read by one ffmpeg through
 * its concat demuxer and encoded, while the JVM counts each source's samples ({@link ConcatEncode}) to place the
 * chapters to the sample.
 */
public final class ConcatEncodePass implements FfmpegAudioPass {

    private final FfmpegAudioCommand command;
    private final Optional<ConcatEncode> concatEncode;

    /** @param concatEncode the sample count; empty without the libraries, when this path is never chosen */
    public ConcatEncodePass(FfmpegAudioCommand command, Optional<ConcatEncode> concatEncode) {
        this.command = command;
        this.concatEncode = concatEncode;
    }

    @Override
    public void prepare(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt attempt, Message message) {
        ConversionPlan plan = attempt.plan();
        long limit = command.limitMillis(plan);
        long start = System.nanoTime();
        List<String> args = FfmpegAudioCommand.commonArguments();
        args.add("-nostdin");
        var counts = concatEncode.orElseThrow().countSamples(attempt.book().key(), plan.sources());
        args.addAll(concatEncode.get().inputArguments(FfmpegAudioCommand.writeConcatList(attempt, null)));
        args.addAll(List.of("-c:a", "aac", "-b:a", plan.bitrateKbps() + "k", "-ar", String.valueOf(plan.sampleRate()),
            "-ac", String.valueOf(plan.channels())));
        message.setBody(null);
        command.start(attempt, message, args, new FfmpegPass(start, limit, new FfmpegPass.Concat(counts)), "encoding");
    }

    @Override
    public void check(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt attempt, @Body ExecResult exec) {
        CommandResult result = command.finish(attempt, exec, () -> false);
        // a source that cannot be decoded whole fails the book naming it, before ffmpeg's own error
        ConcatEncode.SampleCounts counts = Futures.await(attempt.passUnderWay(FfmpegPass.class).input(FfmpegPass.Concat.class).counts());
        FfmpegAudioCommand.requireSuccess(attempt, result);
        ConversionPlan plan = attempt.plan();
        ConcatEncode.SampleCounts exact = concatEncode.orElseThrow().confirmed(attempt.book().key(), plan.sources(),
            counts, attempt.audioFile());
        FfmpegAudioCommand.place(attempt, SourcePlacement.fromSamples(exact.samples(), plan.sampleRate()));
    }
}
