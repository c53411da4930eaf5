package org.automb.deliver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.automb.intake.Book;
import org.automb.io.FileNames;
import org.automb.io.SafeMover;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead letter: sets a book that cannot be converted aside in
 * {@code FAILED_FOLDER/<book name>_<YYYY-mm-dd_HH-MM-SS>/} with a {@code FAILED_INFO.txt} that says what went
 * wrong and how to recover (a book name too long for the failed folder's file system is shortened there, the time
 * kept whole). The move is verified by SHA-256, so the originals are never lost.
 */
public final class FailedBookMover {

    private static final Logger LOG = LoggerFactory.getLogger(FailedBookMover.class);
    public static final String INFO_FILE = "FAILED_INFO.txt";
    /** The book's own log lines, kept beside FAILED_INFO.txt. */
    public static final String LOG_FILE = "auto-m4b.log";
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");
    private static final DateTimeFormatter INFO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    private final Path failedFolder;
    private final SafeMover mover;
    private final ZoneId zone;

    public FailedBookMover(Path failedFolder, SafeMover mover, ZoneId zone) {
        this.failedFolder = failedFolder;
        this.mover = mover;
        this.zone = zone;
    }

    /** What FAILED_INFO.txt reports. */
    public record FailureReport(String bookName, Instant failedAt, boolean transientError, int attempts, int maxRetries,
                                String reason, String details) {
    }

    /** Moves the book's files into a new failed folder with FAILED_INFO.txt; returns that folder. */
    public Path moveToFailed(Book book, FailureReport report) throws IOException {
        String stamp = FOLDER_TIME.format(report.failedAt().atZone(zone));
        Files.createDirectories(failedFolder); // first, so that its file system's longest name can be found
        Path target = uniqueFolder(safeName(book.name()), "_" + stamp);
        if (!target.getFileName().toString().startsWith(safeName(book.name()))) {
            LOG.warn("book '{}': its name is too long for the file system of the failed folder; set aside as {}",
                book.key(), target);
        }
        if (book.looseFile()) {
            mover.moveFilesInto(book.files(), book.folder(), target, Map.of());
        } else {
            mover.moveTree(book.root(), target);
        }
        Files.writeString(target.resolve(INFO_FILE), render(movedTo(report, book, target), book), StandardCharsets.UTF_8);
        return target;
    }

    /**
     * Writes the lines the service logged about the book (its last run's log tail, the give-up line included) to
     * {@value #LOG_FILE} in its failed folder; nothing when there are none. A failure to write is logged and never
     * fails the book: FAILED_INFO.txt says why it failed.
     */
    public void keepLog(Path folder, String bookKey, java.util.List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        try {
            Files.writeString(folder.resolve(LOG_FILE), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            LOG.warn("book '{}': its log was not kept beside it in {}: {}", bookKey, folder, e.getMessage());
        }
    }

    /** The report with the book's files named where they are now (ffmpeg's lines quote the paths it was given). */
    private FailureReport movedTo(FailureReport report, Book book, Path target) throws IOException {
        String reason = report.reason();
        String details = report.details() == null ? "" : report.details();
        if (book.looseFile()) {
            for (Path file : book.files()) {
                String now = mover.placeInto(target, book.folder().relativize(file)).toString();
                reason = reason.replace(file.toString(), now);
                details = details.replace(file.toString(), now);
            }
        } else {
            String before = book.root() + book.root().getFileSystem().getSeparator();
            String now = target + target.getFileSystem().getSeparator();
            reason = reason.replace(before, now);
            details = details.replace(before, now);
        }
        return new FailureReport(report.bookName(), report.failedAt(), report.transientError(), report.attempts(),
            report.maxRetries(), reason, details);
    }

    /** The text of FAILED_INFO.txt. */
    public String render(FailureReport report, Book book) {
        String details = report.details() == null || report.details().isBlank() ? ""
            : "\nLast lines from ffmpeg / details:\n" + report.details().strip().indent(2);
        return """
            Book name:    %s
            Book key:     %s
            Failed at:    %s
            Error type:   %s
            Attempts:     %d (max retries %d)

            Failure reason:
              %s
            %s
            Recovery steps:
              1. Read the reason above. Check the named file: play it, or run ffprobe on it.
              2. Replace or remove files that cannot be read; split folders that hold several books.
              3. Move this folder back into the inbox (you may keep or delete this FAILED_INFO.txt):
                 the book is picked up again with its attempt counter reset.
              4. If the reason was disk space or another temporary problem, fix it and move the folder back.
            """.formatted(report.bookName(), book.key(), INFO_TIME.format(report.failedAt().atZone(zone)),
            report.transientError() ? "transient (retries used up)" : "permanent", report.attempts(), report.maxRetries(),
            report.reason(), details);
    }

    /** {@code <name><suffix>}, then {@code _2}, {@code _3}... until it is free; the name shortened to fit. */
    private Path uniqueFolder(String name, String suffix) {
        int nameMax = mover.nameLimits().nameMax(failedFolder);
        Path folder = failedFolder.resolve(FileNames.fitWithSuffix(name, suffix, nameMax));
        for (int i = 2; Files.exists(folder); i++) {
            folder = failedFolder.resolve(FileNames.fitWithSuffix(name, suffix + "_" + i, nameMax));
        }
        return folder;
    }

    /** Book names come from folder names; keep them, but never let one leave the failed folder. */
    private static String safeName(String name) {
        String safe = name.replace('/', '_').replace('\\', '_');
        return safe.equals("..") || safe.equals(".") || safe.isBlank() ? "book" : safe;
    }
}
