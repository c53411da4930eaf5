package org.automb.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.automb.attempt.BookAttempt;
import org.automb.intake.Book;
import org.automb.metadata.AudibleProduct;
import org.automb.plan.BookTags;
import org.automb.plan.ConversionPlan;
import org.automb.tagging.TagOutcome;

/**
 * What an event says about a book: what it is, the delivered file, where it came from. Read from the attempt that
 * made it (in memory), or, for a book no attempt is at hand for (approved from review, finished after a crash,
 * delivered as is, tagged again), from the intake.json beside its output.
 *
 * @param book   never null
 * @param file   null when there is no delivered file
 * @param source never null
 */
record BookFacts(NotifyEvent.BookInfo book, NotifyEvent.BookFile file, NotifyEvent.BookSource source) {

    /** Every output is AAC in an .m4b (intake.json's {@code audio.codec} says so too). */
    static final String CODEC = "aac";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The same facts without a file (a book in REVIEW_FOLDER is not delivered yet). */
    BookFacts withoutFile() {
        return new BookFacts(book, null, source);
    }

    /** The same facts with the book as matched on Audible. */
    BookFacts withBook(NotifyEvent.BookInfo info) {
        return new BookFacts(info, file, source);
    }

    /** From an attempt: the tags after matching (TAG_MODE=sync), else the sources' tags; its output when it has one. */
    static BookFacts of(BookAttempt attempt) {
        ConversionPlan plan = attempt.plan();
        if (plan == null && attempt.finalOutput() != null) {
            // delivered as is, or finished after a crash: intake.json knows what the attempt does not
            return ofManifest(attempt.finalOutput().resolveSibling("intake.json"), attempt.book());
        }
        Double seconds = attempt.audioMillis() > 0 ? attempt.audioMillis() / 1000.0
            : plan != null ? plan.totalSeconds() : null;
        Integer chapters = attempt.chapters().isEmpty() ? null : attempt.chapters().size();
        NotifyEvent.BookInfo info = matched(attempt, seconds, chapters)
            .orElseGet(() -> plan == null ? named(attempt.book().name())
                : fromTags(plan.tags(), attempt.book().name(), seconds, chapters));
        NotifyEvent.BookFile file = attempt.finalOutput() == null ? null
            : file(attempt.finalOutput(), plan == null ? null : plan.bitrateKbps());
        return new BookFacts(info, file, source(attempt.book()));
    }

    /** Before anything is known of its audio: the folder's name. */
    static BookFacts of(Book book) {
        return new BookFacts(named(book.name()), null, source(book));
    }

    private static Optional<NotifyEvent.BookInfo> matched(BookAttempt attempt, Double seconds, Integer chapters) {
        return attempt.tagging().filter(TagOutcome.class::isInstance).map(TagOutcome.class::cast)
            .flatMap(TagOutcome::product).map(product -> fromProduct(product, seconds, chapters));
    }

    /** The book as Audible knows it. */
    static NotifyEvent.BookInfo fromProduct(AudibleProduct product, Double seconds, Integer chapters) {
        AudibleProduct.Series series = product.series().isEmpty() ? null : product.series().get(0);
        Double duration = seconds != null ? seconds
            : product.runtimeMinutes() > 0 ? product.runtimeMinutes() * 60.0 : null;
        return new NotifyEvent.BookInfo(product.title(), blankToNull(product.subtitle()), product.authors(),
            product.narrators(), series == null ? null : blankToNull(series.title()),
            series == null ? null : blankToNull(series.sequence()), product.asin(), duration, chapters);
    }

    /** The sources' tags as the planner's rules made them; the folder's name where they give no title. */
    static NotifyEvent.BookInfo fromTags(BookTags tags, String folderName, Double seconds, Integer chapters) {
        String title = firstNonBlank(tags.title(), tags.album(), folderName);
        String authors = firstNonBlank(tags.author(), tags.albumArtist(), "");
        return new NotifyEvent.BookInfo(title, null, EventText.people(authors), EventText.people(tags.narrator()),
            null, null, null, seconds, chapters);
    }

    static NotifyEvent.BookInfo named(String name) {
        return new NotifyEvent.BookInfo(name, null, List.of(), List.of(), null, null, null, null, null);
    }

    /** The delivered file; its size as it is now (0 when it cannot be read). */
    static NotifyEvent.BookFile file(Path output, Integer bitrateKbps) {
        long size;
        try {
            size = Files.size(output);
        } catch (IOException e) {
            size = 0;
        }
        return new NotifyEvent.BookFile(output.toString(), size, bitrateKbps, CODEC);
    }

    /** The book as taken from the inbox: its key, folder and audio files in play order. */
    static NotifyEvent.BookSource source(Book book) {
        Path folder = book.folder();
        List<String> files = new ArrayList<>();
        for (Path audio : book.audioFiles()) {
            files.add(audio.startsWith(folder) ? folder.relativize(audio).toString() : audio.toString());
        }
        return new NotifyEvent.BookSource(book.key(), folder.toString(), files);
    }

    /**
     * From a delivered book's intake.json (tags, output, audio, sources); what it lacks comes from {@code book}'s
     * name. A missing or unreadable intake.json gives the book's name only.
     */
    static BookFacts ofManifest(Path manifest, Book book) {
        JsonNode root;
        try {
            root = JSON.readTree(manifest.toFile());
        } catch (IOException | RuntimeException e) {
            return of(book);
        }
        JsonNode tags = root.path("tags");
        JsonNode output = root.path("output");
        Double seconds = output.has("durationSeconds") ? output.path("durationSeconds").asDouble() : null;
        Integer chapters = output.has("chapterCount") ? output.path("chapterCount").asInt() : null;
        String asin = blankToNull(root.path("tagging").path("asin").asText(""));
        String title = firstNonBlank(tags.path("title").asText(""), tags.path("album").asText(""), book.name());
        String authors = firstNonBlank(tags.path("artist").asText(""), tags.path("album_artist").asText(""), "");
        var info = new NotifyEvent.BookInfo(title, null, EventText.people(authors),
            EventText.people(tags.path("composer").asText("")), null, null, asin, seconds, chapters);
        NotifyEvent.BookFile file = null;
        if (output.hasNonNull("path")) {
            Path path = Path.of(output.path("path").asText());
            JsonNode audio = root.path("audio");
            file = file(path, audio.has("bitrateKbps") ? audio.path("bitrateKbps").asInt() : null);
            if (!audio.has("codec")) {
                // delivered as is: the sources' own format
                file = new NotifyEvent.BookFile(file.path(), file.sizeBytes(), null, null);
            }
        }
        List<String> files = new ArrayList<>();
        root.path("sources").forEach(source -> files.add(source.path("file").asText()));
        NotifyEvent.BookSource source = files.isEmpty() ? source(book)
            : new NotifyEvent.BookSource(book.key(), book.folder().toString(), files);
        return new BookFacts(info, file, source);
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return "";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
