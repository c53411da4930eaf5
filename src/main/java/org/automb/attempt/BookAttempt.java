package org.automb.attempt;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.automb.intake.Book;
import org.automb.media.LoudnessEnvelope;
import org.automb.media.mp4.AacPartJoiner;
import org.automb.plan.AudioPath;
import org.automb.plan.Chapter;
import org.automb.plan.ConversionPlan;

/**
 * One attempt at a book, the one home of its progress while it moves through the routes (exchange property
 * {@link RouteKeys#ATTEMPT}; each retry starts a new one). Filled in step by step: the plan and the audio path chosen
 * for it, the parts to join, the ffmpeg pass under way, where the audio was written, the chapters as placed, the
 * output, its hashes, warnings and timings, and what to close when the attempt ends.
 */
public final class BookAttempt {

    private final Book book;
    private final Path workDir;
    private final Instant startedAt;
    private final Map<String, Duration> phases = new LinkedHashMap<>();
    private ConversionPlan plan;
    private AudioPath audioPath;
    private AacPartJoiner.JoinableParts joinableParts;
    private Path shellAudio;
    private AudioPassUnderWay passUnderWay;
    private Path audioFile;
    private List<Chapter> chapters = List.of();
    private Path workingOutput;
    private Path finalOutput;
    private String outputSha256 = "";
    private CompletableFuture<Map<Path, String>> sourceHashes;
    private Path outputUnderHash;
    private CompletableFuture<String> outputHash;
    private long audioMillis;
    private final java.util.Deque<AutoCloseable> resources = new java.util.ArrayDeque<>();

    private List<Long> segmentStarts = List.of();
    private TaggingRecord tagging;
    private LoudnessEnvelope loudness;
    private final List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean replacesOutput;

    public BookAttempt(Book book, Path workDir, Instant startedAt) {
        this.book = book;
        this.workDir = workDir;
        this.startedAt = startedAt;
    }

    public Book book() { return book; }
    public Path workDir() { return workDir; }
    public Instant startedAt() { return startedAt; }
    public ConversionPlan plan() { return plan; }
    public void plan(ConversionPlan plan) { this.plan = plan; }
    /** How the audio is written; null before the plan (and for a book finished after a crash). */
    public AudioPath audioPath() { return audioPath; }
    public void audioPath(AudioPath path) { this.audioPath = path; }
    /** The AAC parts the MP4 joiner adds to the shell: the sources as inspected while planning, or the encoded segments. */
    public AacPartJoiner.JoinableParts joinableParts() {
        if (joinableParts == null) {
            throw new IllegalStateException("book '" + book.key() + "': no parts to join on the " + audioPath + " path");
        }
        return joinableParts;
    }
    public void joinableParts(AacPartJoiner.JoinableParts parts) { this.joinableParts = parts; }
    /** What the join's metadata shell is built around: the first source, or the encoder's head file. */
    public Optional<Path> shellAudio() { return Optional.ofNullable(shellAudio); }
    public void shellAudio(Path audio) { this.shellAudio = audio; }
    /** The process writing the audio between a path's prepare and check steps (the ffmpeg paths), as {@code type}. */
    public <T extends AudioPassUnderWay> T passUnderWay(Class<T> type) {
        if (!type.isInstance(passUnderWay)) {
            throw new IllegalStateException("book '" + book.key() + "': no " + type.getSimpleName() + " under way");
        }
        return type.cast(passUnderWay);
    }
    public void passUnderWay(AudioPassUnderWay pass) { this.passUnderWay = pass; }
    public Path audioFile() { return audioFile; }
    public void audioFile(Path audioFile) { this.audioFile = audioFile; }
    public List<Chapter> chapters() { return chapters; }
    public void chapters(List<Chapter> chapters) { this.chapters = List.copyOf(chapters); }
    public Path workingOutput() { return workingOutput; }
    public void workingOutput(Path workingOutput) { this.workingOutput = workingOutput; }
    public Path finalOutput() { return finalOutput; }
    public void finalOutput(Path finalOutput) { this.finalOutput = finalOutput; }
    public String outputSha256() { return outputSha256; }
    /** Length of the audio as written (exact for encodes), the reference for validation. */
    public long audioMillis() { return audioMillis; }
    /** Where each independently encoded segment of the audio starts, in samples (just 0 for a book encoded whole). */
    public List<Long> segmentStarts() { return segmentStarts; }
    public void segmentStarts(List<Long> starts) { this.segmentStarts = List.copyOf(starts); }
    public void audioMillis(long millis) { this.audioMillis = millis; }
    /** What the tag stage did before delivery; empty when it did not run (TAG_MODE=async) or has not yet. */
    public Optional<TaggingRecord> tagging() { return Optional.ofNullable(tagging); }
    public void tagging(TaggingRecord record) { this.tagging = record; }

    /**
     * The working output was rewritten in place (re-chaptered, tagged): a checksum computed while it was first
     * written is of other bytes now, so it is dropped and computed again at delivery.
     */
    public void outputRewritten() {
        if (outputHash != null) {
            outputHash.cancel(false);
        }
        this.outputUnderHash = null;
        this.outputHash = null;
    }

    /** The audio's loudness as measured while it was encoded in the JVM; empty on paths that do not decode. */
    public Optional<LoudnessEnvelope> loudness() { return Optional.ofNullable(loudness); }
    public void loudness(LoudnessEnvelope envelope) { this.loudness = envelope; }
    /** What the user should know about a book delivered anyway (written to intake.json). */
    public List<String> warnings() { return List.copyOf(warnings); }
    public void warn(String warning) { warnings.add(warning); }
    public void outputSha256(String sha) { this.outputSha256 = sha; }

    /** The sources' SHA-256 by file, when they are being computed already. */
    public Optional<CompletableFuture<Map<Path, String>>> sourceHashes() { return Optional.ofNullable(sourceHashes); }
    public void sourceHashes(CompletableFuture<Map<Path, String>> hashes) { this.sourceHashes = hashes; }

    /** Records that {@code file}'s SHA-256 is being computed as it is written. */
    public void outputHashUnderWay(Path file, CompletableFuture<String> sha256) {
        this.outputUnderHash = file;
        this.outputHash = sha256;
    }

    /** The SHA-256 under way for {@code file}, if that is the file the hash was started for. */
    public Optional<CompletableFuture<String>> outputHashUnderWay(Path file) {
        return file.equals(outputUnderHash) ? Optional.of(outputHash) : Optional.empty();
    }

    /** Registers something to stop when the book ends either way (a decoder feed, a progress log). */
    public synchronized void onClose(AutoCloseable resource) {
        resources.push(resource);
    }

    /** Stops every registered resource, newest first; never throws. */
    public synchronized void closeResources() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                // closing is best effort: the book's outcome is already decided
            }
        }
    }

    /** True when a user asked to reprocess the book: its output replaces the existing one, whatever OVERWRITE_EXISTING says. */
    public boolean replacesOutput() { return replacesOutput; }
    public void replacesOutput(boolean replaces) { this.replacesOutput = replaces; }

    /** Records how long a phase (probe, encode, mux, validate, deliver) took. */
    public void timed(String phase, Duration took) {
        phases.merge(phase, took, Duration::plus);
    }

    public Map<String, Duration> phases() {
        return Map.copyOf(phases);
    }
}
