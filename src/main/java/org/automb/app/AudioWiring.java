package org.automb.app;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.automb.audio.ConvertTimeout;
import org.automb.audio.ProgressMonitor;
import org.automb.audio.ProgressSink;
import org.automb.audio.ffmpeg.ConcatCopyPass;
import org.automb.audio.ffmpeg.ConcatEncode;
import org.automb.audio.ffmpeg.ConcatEncodePass;
import org.automb.audio.ffmpeg.FfmetadataWriter;
import org.automb.audio.ffmpeg.FfmpegAudioCommand;
import org.automb.audio.ffmpeg.MuxStep;
import org.automb.audio.ffmpeg.PcmFeedPass;
import org.automb.audio.ffmpeg.StreamCopyChapters;
import org.automb.audio.join.AacJoinStep;
import org.automb.audio.join.LibavShellWriter;
import org.automb.audio.libav.LibavEncodeStep;
import org.automb.audio.libav.NativeCrashGuard;
import org.automb.audio.libav.SegmentPlanner;
import org.automb.audio.libav.SegmentedEncode;
import org.automb.audio.libav.SourceCounter;
import org.automb.audio.passthrough.PassthroughStep;
import org.automb.config.Settings;
import org.automb.io.FileHashes;
import org.automb.jobs.ServiceStop;
import org.automb.media.ffmpeg.ExecRunner;
import org.automb.media.ffmpeg.FfmpegTools;
import org.automb.media.libav.SampleCounter;
import org.automb.plan.AudioPathDecider;
import org.automb.plan.BitratePolicy;
import org.automb.plan.BookPlanner;
import org.automb.plan.ChapterTitles;
import org.automb.plan.ChaptersFile;
import org.automb.plan.CodecDecider;
import org.automb.plan.CoverPicker;
import org.automb.plan.LibavProbe;
import org.automb.plan.ProbeParser;
import org.automb.plan.ProbeRunner;
import org.automb.plan.TagExtractor;
import org.automb.steps.AudioPathStep;
import org.automb.steps.PlanStep;

/**
 * The audio subsystem: the planner (probe, codec, chapters, cover, tags), every audio path's step (passthrough, AAC
 * parts joined, the in-JVM encoder, ffmpeg), the muxer, and their pools: the probe pool, the progress ticker and the
 * encoder pool (beans {@code planStep}, {@code audioPathStep}, {@code concatCopyPass}, {@code concatEncodePass},
 * {@code pcmFeedPass}, {@code libavEncodeStep}, {@code muxStep}, {@code aacJoinStep}, {@code passthroughStep}).
 */
record AudioWiring(ExecutorService probePool, ScheduledExecutorService ticker) {

    /**
     * @param owner      owns the pools (Camel shuts them down with it)
     * @param crashGuard the books the last run's native crash may have come from (a start-up step read them)
     * @param hashes     the checksums the AAC join computes while it writes
     * @param progressSink where each running book's progress goes besides the log (the job store)
     */
    static AudioWiring bind(CamelContext context, Object owner, Settings settings, MediaTools media,
                            NativeCrashGuard crashGuard, ServiceStop stop, FileHashes hashes, ProgressSink progressSink) {
        Registry registry = context.getRegistry();
        FfmpegTools tools = media.tools();
        Optional<LibavProbe> libav = media.libav();
        ExecRunner exec = media.exec();
        ExecutorService probePool = context.getExecutorServiceManager().newFixedThreadPool(owner, "probe", settings.cpuCores());
        ScheduledExecutorService ticker = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(owner, "progress");
        long timeoutFloor = Long.parseLong(context.getPropertiesComponent().resolveProperty("convert.timeout-floor-seconds").orElse("60"));
        registry.bind("planStep", new PlanStep(new BookPlanner(settings, new ProbeRunner(tools, exec, new ProbeParser(), probePool, libav),
            new CodecDecider(), new BitratePolicy(), new ChapterTitles(), new ChaptersFile(), new CoverPicker(), new TagExtractor()), hashes));
        // read every second for the page (one small store write per running book), logged every 5 s as before
        ProgressMonitor progress = new ProgressMonitor(ticker, 1000, 5000, progressSink);
        ConvertTimeout convertTimeout = new ConvertTimeout(settings.convertTimeoutFactor(), Duration.ofSeconds(timeoutFloor));
        java.util.Optional<ConcatEncode> concatEncode = libav.map(loaded -> new ConcatEncode(new SampleCounter(), probePool));
        // the ffmpeg paths' audio passes (plan/AudioPath), each a route of routes/process-book.camel.yaml
        FfmpegAudioCommand audioCommand = new FfmpegAudioCommand(tools, progress, convertTimeout);
        registry.bind("concatCopyPass", new ConcatCopyPass(audioCommand, new StreamCopyChapters(tools, exec, probePool)));
        registry.bind("concatEncodePass", new ConcatEncodePass(audioCommand, concatEncode));
        registry.bind("pcmFeedPass", new PcmFeedPass(audioCommand));
        // one pool of CPU_CORES encoders for every book: a lone book's segments use all of them, several books share them
        java.util.Optional<SegmentedEncode> segmentedEncode = concatEncode
            .filter(counter -> LibavEncodeStep.wanted(settings, true))
            .map(counter -> new SegmentedEncode(new SegmentPlanner(SegmentPlanner.PREROLL_FRAMES, 4, 8L * SegmentPlanner.PREROLL_FRAMES * SegmentPlanner.FRAME), SourceCounter.of(counter, settings.cpuCores()),
                context.getExecutorServiceManager().newFixedThreadPool(owner, "encoder", settings.cpuCores()), settings.cpuCores()));
        registry.bind("libavEncodeStep", new LibavEncodeStep(segmentedEncode, progress, convertTimeout, ticker, crashGuard,
            stop));
        registry.bind("audioPathStep", new AudioPathStep(new AudioPathDecider(segmentedEncode.isPresent(),
            concatEncode.isPresent(), crashGuard::suspects, tools::unavailable), probePool));
        MuxStep muxStep = new MuxStep(tools, new FfmetadataWriter());
        registry.bind("muxStep", muxStep);
        // the join's metadata shell in the JVM unless FFMPEG_PATH names the ffmpeg the user wants to write files
        java.util.Optional<LibavShellWriter> shellWriter = settings.ffmpegPath().isBlank() ? LibavShellWriter.load()
            : java.util.Optional.empty();
        registry.bind("aacJoinStep", new AacJoinStep(tools, muxStep, hashes, shellWriter));
        registry.bind("passthroughStep", new PassthroughStep());
        return new AudioWiring(probePool, ticker);
    }
}
