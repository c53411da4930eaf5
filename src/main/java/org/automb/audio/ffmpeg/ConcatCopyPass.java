package org.automb.audio.ffmpeg;

import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.component.exec.ExecResult;
import org.automb.attempt.BookAttempt;
import org.automb.attempt.RouteKeys;
import org.automb.media.ffmpeg.CommandResult;
import org.automb.plan.ConversionPlan;

/**
 * {@link org.automb.plan.AudioPath#FFMPEG_CONCAT_COPY}: AAC parts the MP4 joiner cannot take (raw ADTS, fragmented MP4, codec setups
 * that differ) are stream-copied by ffmpeg's concat demuxer, each listed with the duration of all its packets; the
 * chapters start where each part's packets do.
 */
public final class ConcatCopyPass implements FfmpegAudioPass {

    private final FfmpegAudioCommand command;
    private final StreamCopyChapters streamCopyChapters;

    public ConcatCopyPass(FfmpegAudioCommand command, StreamCopyChapters streamCopyChapters) {
        this.command = command;
        this.streamCopyChapters = streamCopyChapters;
    }

    @Override
    public void prepare(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt attempt, Message message) {
        ConversionPlan plan = attempt.plan();
        long limit = command.limitMillis(plan);
        long start = System.nanoTime();
        List<StreamCopyChapters.PartLayout> parts = streamCopyChapters.layouts(attempt.book().key(), plan.sources());
        List<String> args = FfmpegAudioCommand.commonArguments();
        args.add("-nostdin");
        args.addAll(List.of("-f", "concat", "-safe", "0", "-i", FfmpegAudioCommand.writeConcatList(attempt, parts).toString(),
            "-map", "0:a", "-c", "copy"));
        message.setBody(null);
        command.start(attempt, message, args, new FfmpegPass(start, limit, new FfmpegPass.StreamCopy(parts)), "joining");
    }

    @Override
    public void check(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt attempt, @Body ExecResult exec) {
        CommandResult result = command.finish(attempt, exec, () -> false);
        FfmpegAudioCommand.requireSuccess(attempt, result);
        FfmpegPass.StreamCopy copy = attempt.passUnderWay(FfmpegPass.class).input(FfmpegPass.StreamCopy.class);
        FfmpegAudioCommand.place(attempt, streamCopyChapters.place(copy.parts()));
    }
}
