package org.automb.audio.ffmpeg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.automb.audio.TruncationCheck;
import org.automb.media.AudioSource;
import org.automb.media.ffmpeg.FfmpegTools;

/**
 * The decoded audio of a whole book as one stream of 16-bit PCM, fed to a single AAC encoder's stdin.
 *
 * <p>Each source is decoded by its own ffmpeg (argument list, no shell), resampled to the book's rate and
 * channel count, and read in order; the next decoders are started ahead so process start-up never stalls the
 * encoder. Counting the bytes each decoder delivers gives the exact sample where each source starts in the
 * output, so chapter marks are true to the sample whatever the number of files. A decoder that fails is
 * remembered (the encoder only sees the stream end); {@link #failure()} must be checked after encoding.
 */
public final class PcmFeed extends InputStream {

    private static final int LOOKAHEAD = 2;

    private final FfmpegTools tools;
    private final List<AudioSource> sources;
    private final int sampleRate;
    private final int channels;
    private final Path logDir;
    private final Deque<Decoder> started = new ArrayDeque<>();
    private final List<Long> samplesPerSource = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<DecodeFailure> failure = new AtomicReference<>();
    private int nextToStart;
    private Decoder current;
    private long currentBytes;
    private volatile boolean closed;

    /** A source that could not be decoded, with the last lines its decoder printed. */
    public record DecodeFailure(Path file, String reason) {
    }

    public PcmFeed(FfmpegTools tools, List<AudioSource> sources, int sampleRate, int channels, Path logDir) {
        this.tools = tools;
        this.sources = List.copyOf(sources);
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.logDir = logDir;
    }

    /** Input options that tell the encoder what this stream holds. */
    public List<String> encoderInputArguments() {
        return List.of("-f", "s16le", "-ar", String.valueOf(sampleRate), "-ac", String.valueOf(channels), "-i", "pipe:0");
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Samples delivered per source so far, in source order; complete once the stream has ended without failure. */
    public List<Long> samplesPerSource() {
        synchronized (samplesPerSource) {
            return List.copyOf(samplesPerSource);
        }
    }

    public java.util.Optional<DecodeFailure> failure() {
        return java.util.Optional.ofNullable(failure.get());
    }

    /** True when every source was decoded to its end. */
    public boolean isComplete() {
        return failure.get() == null && samplesPerSource().size() == sources.size();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        while (!closed && failure.get() == null) {
            if (current == null && !advance()) {
                return -1;
            }
            int n = current.stdout().read(buffer, offset, length);
            if (n > 0) {
                currentBytes += n;
                return n;
            }
            finishCurrent();
        }
        return -1;
    }

    /** Synchronized with {@link #close()}, so a feed closed from another thread starts no further decoder. */
    private synchronized boolean advance() throws IOException {
        if (closed) {
            return false;
        }
        while (started.size() < LOOKAHEAD && nextToStart < sources.size()) {
            started.add(startDecoder(nextToStart++));
        }
        current = started.poll();
        currentBytes = 0;
        return current != null;
    }

    private void finishCurrent() throws IOException {
        Decoder done;
        synchronized (this) {
            done = current;
            current = null;
        }
        int exit;
        try {
            exit = done.process().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while decoding " + done.source().file(), e);
        }
        long frameBytes = 2L * channels;
        if (closed) {
            return; // stopped on purpose (the time limit, or the end of the attempt): not the file's fault
        }
        if (exit != 0 || currentBytes == 0 || currentBytes % frameBytes != 0) {
            String log = Files.exists(done.log()) ? Files.readString(done.log(), StandardCharsets.UTF_8).strip() : "";
            String reason = exit != 0 ? "ffmpeg could not decode it (exit " + exit + ")" : "it holds no decodable audio";
            failure.compareAndSet(null, new DecodeFailure(done.source().file(), reason + (log.isEmpty() ? "" : ":\n" + tail(log))));
            return;
        }
        long samples = currentBytes / frameBytes;
        java.util.Optional<String> truncated = TruncationCheck.problem(samples, sampleRate, done.source());
        if (truncated.isPresent()) {
            failure.compareAndSet(null, new DecodeFailure(done.source().file(), truncated.get()));
            return;
        }
        samplesPerSource.add(samples);
        Files.deleteIfExists(done.log());
    }

    private Decoder startDecoder(int index) throws IOException {
        AudioSource source = sources.get(index);
        Path log = logDir.resolve("decode-" + index + ".log");
        List<String> args = List.of("-nostdin", "-hide_banner", "-v", "error", "-i", source.file().toString(),
            "-map", "0:" + source.audioStreamIndex(), "-vn", "-sn", "-dn",
            "-ar", String.valueOf(sampleRate), "-ac", String.valueOf(channels), "-f", "s16le", "-c:a", "pcm_s16le", "pipe:1");
        Process process = new ProcessBuilder(tools.ffmpegCommand(args))
            .redirectError(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
        return new Decoder(source, process, process.getInputStream(), log);
    }

    private static String tail(String log) {
        String[] lines = log.split("\\R");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 5), lines.length));
    }

    /**
     * Stops every decoder still running (after a failure, a timeout, or at the end); the stream then ends, so an
     * encoder waiting on its stdin finishes. Safe to call from any thread, more than once.
     */
    @Override
    public void close() {
        List<Decoder> running = new ArrayList<>();
        synchronized (this) {
            closed = true;
            if (current != null) {
                running.add(current);
            }
            running.addAll(started);
        }
        running.forEach(d -> d.process().destroyForcibly());
    }

    private record Decoder(AudioSource source, Process process, InputStream stdout, Path log) {
    }
}
