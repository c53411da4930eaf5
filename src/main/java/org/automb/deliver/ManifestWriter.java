package org.automb.deliver;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.automb.attempt.BookAttempt;
import org.automb.attempt.TaggingRecord;
import org.automb.io.Futures;
import org.automb.io.SafeMover;
import org.automb.io.Sha256;
import org.automb.media.AudioSource;
import org.automb.plan.BookTags;
import org.automb.plan.Chapter;
import org.automb.plan.ConversionPlan;

/**
 * Writes {@code intake.json} beside each output: what went in (with hashes), what was decided, what came out.
 * Enough to audit a conversion years later or to redo it.
 */
public final class ManifestWriter {

    /** Bumped whenever a field changes meaning or goes away. */
    public static final int SCHEMA_VERSION = 1;

    /** The state of a book whose tag stage has not run (or did not tag it): delivered with its sources' tags. */
    public static final String CONVERTED = "converted";

    /** intake.json's {@code review.state} while a book waits in REVIEW_FOLDER (REVIEW_BEFORE_RELEASE). */
    public static final String REVIEW_WAITING = "waiting";
    /** {@code review.state} of a book a user approved: it moved into CONVERTED_FOLDER. */
    public static final String REVIEW_APPROVED = "approved";
    /** {@code review.state} of a book a user rejected: it moved to the failed folder. */
    public static final String REVIEW_REJECTED = "rejected";

    /** The object of intake.json that holds the fields plugins added (docs/plugins.md, direct:plugin-intake). */
    public static final String PLUGIN_FIELDS = "plugins";

    private final Clock clock;
    private final ManifestExtension extension;
    private final ObjectMapper json = new ObjectMapper().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    /** @param clock the time recorded as {@code finishedAt} */
    public ManifestWriter(Clock clock) {
        this(clock, ManifestExtension.NONE);
    }

    /** @param extension asked for a plugin's fields each time a delivered book's intake.json is first written */
    public ManifestWriter(Clock clock, ManifestExtension extension) {
        this.clock = clock;
        this.extension = extension;
    }

    public void write(BookAttempt run, OutputValidator.OutputFacts facts, Path file) throws IOException {
        write(run, facts, file, List.of());
    }

    /** {@code shortened}: names too long for their folder's file system, recorded with the names written instead. */
    public void write(BookAttempt run, OutputValidator.OutputFacts facts, Path file, List<ShortenedName> shortened)
        throws IOException {
        ConversionPlan plan = run.plan();
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", SCHEMA_VERSION);
        manifest.put("book", Map.of("key", run.book().key(), "name", run.book().name()));
        // converted, tagged, needs_review or tag_failed (docs/tagging.md); converted until a later tag stage says more
        manifest.put("state", run.tagging().map(TaggingRecord::state).orElse(CONVERTED));
        manifest.put("mode", plan.decision().mode().name().toLowerCase());
        manifest.put("codecDecision", plan.decision().reason());
        Map<String, Object> audio = new LinkedHashMap<>(Map.of("codec", "aac", "bitrateKbps", plan.bitrateKbps(),
            "sampleRate", plan.sampleRate(), "channels", plan.channels()));
        if (run.audioPath() != null) {
            // how the audio was written (plan/AudioPath), e.g. AAC_JOIN or FFMPEG_PCM_FEED
            audio.put("path", run.audioPath().name());
        }
        if (!run.segmentStarts().isEmpty()) {
            // where separately encoded segments join (samples): where to listen for a seam
            audio.put("segmentStarts", run.segmentStarts());
        }
        manifest.put("audio", audio);
        manifest.put("sources", sources(run));
        manifest.put("chapters", chapters(run.chapters()));
        manifest.put("tags", tags(plan.tags()));
        manifest.put("cover", plan.cover().map(c -> c.file().getFileName().toString()).orElse(null));
        Map<String, Object> timings = new LinkedHashMap<>();
        run.phases().forEach((phase, took) -> timings.put(phase + "Millis", took.toMillis()));
        manifest.put("startedAt", run.startedAt().toString());
        manifest.put("finishedAt", clock.instant().toString());
        manifest.put("timings", timings);
        manifest.put("output", Map.of("path", run.finalOutput().toString(), "sha256", run.outputSha256(),
            "sizeBytes", Files.size(run.finalOutput()), "durationSeconds", facts.durationSeconds(),
            "chapterCount", facts.chapterCount()));
        run.tagging().ifPresent(tagging -> manifest.put("tagging", tagging.manifestEntry()));
        if (!run.warnings().isEmpty()) {
            manifest.put("warnings", run.warnings());
        }
        putShortened(manifest, shortened);
        putPluginFields(run.book(), manifest);
        writeAtomically(manifest, file);
    }

    /** The state and mode of a book a user had delivered as it was (skip-conversion). */
    public static final String AS_IS = "as_is";

    /**
     * One audio file a skip-conversion delivered unconverted.
     *
     * @param file      its path relative to the book's folder in the inbox
     * @param delivered where it is now
     */
    public record AsIsFile(Path file, Path delivered, String sha256, long sizeBytes) {
    }

    /**
     * intake.json for a book a user had delivered unconverted (skip-conversion): its files as they were, where they
     * went, no plan; {@code output} is the first of them.
     */
    public void writeAsIs(BookAttempt run, List<AsIsFile> files, Path file, List<ShortenedName> shortened)
        throws IOException {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", SCHEMA_VERSION);
        manifest.put("book", Map.of("key", run.book().key(), "name", run.book().name()));
        manifest.put("state", AS_IS);
        manifest.put("mode", AS_IS);
        List<Map<String, Object>> sources = new ArrayList<>();
        for (AsIsFile source : files) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", source.file().toString());
            entry.put("sizeBytes", source.sizeBytes());
            entry.put("sha256", source.sha256());
            entry.put("deliveredAs", source.delivered().toString());
            sources.add(entry);
        }
        manifest.put("sources", sources);
        manifest.put("startedAt", run.startedAt().toString());
        manifest.put("finishedAt", clock.instant().toString());
        Map<String, Object> timings = new LinkedHashMap<>();
        run.phases().forEach((phase, took) -> timings.put(phase + "Millis", took.toMillis()));
        manifest.put("timings", timings);
        AsIsFile first = files.get(0);
        manifest.put("output", Map.of("path", first.delivered().toString(), "sha256", first.sha256(),
            "sizeBytes", first.sizeBytes()));
        putShortened(manifest, shortened);
        putPluginFields(run.book(), manifest);
        writeAtomically(manifest, file);
    }

    /** A plugin's fields, under {@value #PLUGIN_FIELDS}; a plugin that fails adds none and never fails the book. */
    private void putPluginFields(org.automb.intake.Book book, Map<String, Object> manifest) {
        Map<String, Object> fields;
        try {
            fields = extension.fields(book, java.util.Collections.unmodifiableMap(manifest));
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ManifestWriter.class).warn(
                "book '{}': no plugin fields in intake.json: {}", book.key(), e.getMessage());
            return;
        }
        if (fields != null && !fields.isEmpty()) {
            manifest.put(PLUGIN_FIELDS, fields);
        }
    }

    private static void putShortened(Map<String, Object> manifest, List<ShortenedName> shortened) {
        if (shortened.isEmpty()) {
            return;
        }
        List<Map<String, String>> names = new ArrayList<>();
        for (ShortenedName name : shortened) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("folder", name.folder());
            entry.put("original", name.original());
            entry.put("written", name.written());
            names.add(entry);
        }
        manifest.put("shortenedNames", names);
    }

    /**
     * Records a tag stage that ran after delivery (TAG_MODE=async, or a retry) in the book's intake.json: its state,
     * what it did, and the output as it is now (the tag stage rewrote it: new checksum, size and chapters).
     */
    public void recordTagging(Path file, TaggingRecord tagging, OutputChange output) throws IOException {
        Map<String, Object> manifest = json.readValue(file.toFile(),
            new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() { });
        manifest.put("state", tagging.state());
        manifest.put("tagging", tagging.manifestEntry());
        if (output != null) {
            manifest.put("chapters", chapters(output.chapters()));
            Map<String, Object> out = new LinkedHashMap<>(asMap(manifest.get("output")));
            out.put("path", output.path().toString());
            out.put("sha256", output.sha256());
            out.put("sizeBytes", Files.size(output.path()));
            out.put("chapterCount", output.chapters().size());
            manifest.put("output", out);
        }
        writeAtomically(manifest, file);
    }

    /**
     * Records the review gate's decision in the book's intake.json: {@code review} = {state, at, reason} ({@code
     * waiting}, {@code approved} or {@code rejected}; the reason a user gave for a rejection), and where the output
     * is now.
     */
    public void recordReview(Path file, String state, Path outputNow, String reason) throws IOException {
        Map<String, Object> manifest = json.readValue(file.toFile(),
            new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() { });
        Map<String, Object> review = new LinkedHashMap<>();
        review.put("state", state);
        review.put("at", clock.instant().toString());
        if (reason != null) {
            review.put("reason", reason);
        }
        manifest.put("review", review);
        if (outputNow != null) {
            Map<String, Object> out = new LinkedHashMap<>(asMap(manifest.get("output")));
            out.put("path", outputNow.toString());
            manifest.put("output", out);
        }
        writeAtomically(manifest, file);
    }

    /** The output after the tag stage rewrote it: where it is, its checksum and its chapters. */
    public record OutputChange(Path path, String sha256, List<Chapter> chapters) {
        public OutputChange {
            chapters = List.copyOf(chapters);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private void writeAtomically(Map<String, Object> manifest, Path file) throws IOException {
        Path partial = SafeMover.partialBeside(file);
        json.writeValue(partial.toFile(), manifest);
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * True when {@code manifestFile} exists and lists exactly the book's audio files with their current sizes:
     * the output beside it was made from this very content.
     */
    public boolean matchesSources(Path manifestFile, org.automb.intake.Book book) {
        if (!Files.isRegularFile(manifestFile)) {
            return false;
        }
        try {
            var listed = json.readTree(manifestFile.toFile()).path("sources");
            if (listed.size() != book.audioFiles().size()) {
                return false;
            }
            for (int i = 0; i < listed.size(); i++) {
                Path file = book.audioFiles().get(i);
                if (!listed.get(i).path("file").asText().equals(book.folder().relativize(file).toString())
                    || listed.get(i).path("sizeBytes").asLong(-1) != Files.size(file)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The key of the book {@code manifestFile} was written for; empty when there is none or it cannot be read. */
    public java.util.Optional<String> bookKey(Path manifestFile) {
        if (!Files.isRegularFile(manifestFile)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(json.readTree(manifestFile.toFile()).path("book").path("key").asText(""))
                .filter(key -> !key.isEmpty());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static List<Map<String, Object>> sources(BookAttempt run) throws IOException {
        List<Map<String, Object>> sources = new ArrayList<>();
        Path folder = run.book().folder();
        Map<Path, String> hashed = run.sourceHashes().isPresent() ? Futures.awaitReading(run.sourceHashes().get()) : Map.of();
        for (AudioSource source : run.plan().sources()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", folder.relativize(source.file()).toString());
            entry.put("sizeBytes", source.sizeBytes());
            entry.put("codec", source.codec());
            entry.put("bitrateKbps", source.bitRate() / 1000);
            entry.put("sampleRate", source.sampleRate());
            entry.put("channels", source.channels());
            entry.put("durationSeconds", source.durationSeconds());
            String sha256 = hashed.get(source.file());
            entry.put("sha256", sha256 != null ? sha256 : Sha256.of(source.file()));
            sources.add(entry);
        }
        return sources;
    }

    private static List<Map<String, Object>> chapters(List<Chapter> chapters) {
        return chapters.stream().map(c -> Map.<String, Object>of("startMillis", c.startMillis(), "endMillis",
            c.endMillis(), "title", c.title())).toList();
    }

    private static Map<String, String> tags(BookTags tags) {
        Map<String, String> written = new LinkedHashMap<>();
        written.put("title", tags.title());
        written.put("album", tags.album());
        written.put("artist", tags.author());
        written.put("album_artist", tags.albumArtist());
        written.put("composer", tags.narrator());
        written.put("date", tags.year());
        written.put("comment", tags.comment());
        written.put("genre", tags.genre());
        written.put("media_type", "2");
        written.values().removeIf(v -> v == null || v.isBlank());
        return written;
    }
}
