package org.automb.deliver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.automb.attempt.BookAttempt;
import org.automb.config.Settings;
import org.automb.failure.PermanentFailure;
import org.automb.failure.TransientFailure;
import org.automb.intake.Book;
import org.automb.intake.BookFingerprint;
import org.automb.intake.JunkFiles;
import org.automb.io.FileHashes;
import org.automb.io.Futures;
import org.automb.io.SafeMover;
import org.automb.io.Sha256;
import org.automb.tagging.NamingFields;
import org.automb.tagging.OutputNaming;
import org.automb.tagging.TagOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last steps of a book: validate the output in the working folder, move it into place with the book's
 * extra files and manifest, and only then archive, delete or leave the originals ({@code ON_COMPLETE}).
 */
public final class BookFinisher {

    private static final Logger LOG = LoggerFactory.getLogger(BookFinisher.class);
    private static final DateTimeFormatter ARCHIVE_SUFFIX_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");

    private final Settings settings;
    private final OutputLayout layout;
    private final SafeMover mover;
    private final OutputValidator validator;
    private final ManifestWriter manifests;
    private final FileHashes hashes;
    private final Clock clock;

    /** @param clock the time of the closing log line and of an archive folder's suffix (in the system's zone) */
    public BookFinisher(Settings settings, OutputLayout layout, SafeMover mover, OutputValidator validator,
                        ManifestWriter manifests, FileHashes hashes, Clock clock) {
        this.hashes = hashes;
        this.clock = clock;
        this.settings = settings;
        this.layout = layout;
        this.mover = mover;
        this.validator = validator;
        this.manifests = manifests;
    }

    /**
     * Validates the output and moves it, the extra files and the manifest into the converted folder, where
     * {@code OUTPUT_NAMING} names the book from its own tags (the plan's).
     */
    public void deliver(BookAttempt run) {
        deliver(run, namingFields(run));
    }

    /**
     * {@link #deliver(BookAttempt)}, the book named by {@code fields} (those of its Audible match, when it was matched
     * before delivery). With the default {@code OUTPUT_NAMING=key} the fields play no part.
     */
    public void deliver(BookAttempt run, NamingFields fields) {
        deliverTo(run, fields, false);
    }

    /**
     * REVIEW_BEFORE_RELEASE=Y: {@link #deliver(BookAttempt)} into REVIEW_FOLDER instead, at the same relative place the
     * book would have in CONVERTED_FOLDER; intake.json says it waits for review. Nothing of it reaches
     * CONVERTED_FOLDER until a user approves it ({@code actions.ReviewGate}).
     */
    public void deliverForReview(BookAttempt run) {
        deliverTo(run, namingFields(run), true);
    }

    private void deliverTo(BookAttempt run, NamingFields fields, boolean forReview) {
        Book book = run.book();
        long started = System.nanoTime();
        // computed as the joiner wrote the file, or now, beside the validator (a 10 h book's two half-seconds overlap)
        CompletableFuture<String> sha256 = run.outputHashUnderWay(run.workingOutput())
            .orElseGet(() -> hashes.sha256(run.workingOutput()));
        OutputValidator.OutputFacts facts;
        try {
            facts = validator.validate(run);
        } catch (RuntimeException e) {
            sha256.cancel(false); // a hash already under way only reads a file that is about to be dropped
            throw e;
        }
        Path target = forReview ? layout.inReview(layout.outputFile(book, fields)) : layout.outputFile(book, fields);
        try {
            run.outputSha256(Futures.awaitReading(sha256));
            if (Files.exists(target)) {
                refuseAnotherBooksPlace(book, target);
                if (!settings.overwriteExisting() && !run.replacesOutput()) {
                    throw new TransientFailure(book.key(), target, "an output appeared while the book was converted", "");
                }
                Files.delete(target);
            }
            mover.moveFile(run.workingOutput(), target, run.outputSha256());
            List<ShortenedName> shortened = new ArrayList<>(layout.shortenedNames(book, fields));
            shortened.addAll(copyExtraFiles(book, target.getParent(), settings.overwriteExisting() || run.replacesOutput()));
            run.finalOutput(target);
            run.timed("deliver", Duration.ofNanos(System.nanoTime() - started));
            manifests.write(run, facts, target.getParent().resolve("intake.json"), shortened);
            if (forReview) {
                manifests.recordReview(target.getParent().resolve("intake.json"), ManifestWriter.REVIEW_WAITING, target, null);
                LOG.info("book '{}': waiting for review in {}", book.key(), target);
            }
            logShortened(book, shortened);
        } catch (IOException e) {
            throw new TransientFailure(book.key(), target, "cannot move the output into place: " + e.getMessage(), e);
        }
    }

    /**
     * A user's skip-conversion: the book's audio and extra files copied as they are (each checked by SHA-256) into the
     * folder its key names in CONVERTED_FOLDER, replacing what an earlier delivery left there, with an intake.json
     * that lists them. The first audio file stands for the output (the job's outputPath).
     */
    public void deliverAsIs(BookAttempt run) {
        Book book = run.book();
        long started = System.nanoTime();
        Path folder = layout.outputFolder(book);
        try {
            List<ManifestWriter.AsIsFile> files = new ArrayList<>();
            for (Path source : book.audioFiles()) {
                Path target = mover.placeInto(folder, book.folder().relativize(source));
                // read once for intake.json; the copy is checked against it (the copy's own read is the check)
                String sha256 = Sha256.of(source);
                mover.copyFile(source, target, sha256);
                files.add(new ManifestWriter.AsIsFile(book.folder().relativize(source), target, sha256,
                    Files.size(target)));
            }
            List<ShortenedName> shortened = new ArrayList<>(layout.shortenedNames(book));
            shortened.addAll(copyExtraFiles(book, folder, true));
            run.finalOutput(files.get(0).delivered());
            run.timed("deliver", Duration.ofNanos(System.nanoTime() - started));
            manifests.writeAsIs(run, files, folder.resolve("intake.json"), shortened);
        } catch (IOException e) {
            throw new TransientFailure(book.key(), folder, "cannot copy the book's files as they are into " + folder
                + ": " + e.getMessage(), e);
        }
    }

    /**
     * A template can name two books alike (the same author and title): the second is not delivered over the first,
     * whatever OVERWRITE_EXISTING says (that replaces a book's own output, never another book's). Permanent, as a
     * retry would name it the same; the book goes to the failed folder with its originals whole.
     */
    private void refuseAnotherBooksPlace(Book book, Path target) {
        if (layout.naming().followsKey()) {
            return; // keys are unique: whatever is there is this book's
        }
        manifests.bookKey(target.resolveSibling("intake.json")).filter(other -> !other.equals(book.key()))
            .ifPresent(other -> {
                throw new PermanentFailure(book.key(), null, layout.naming() + " names the same place as book '"
                    + other + "', delivered before to " + target + "; change " + OutputNaming.SETTING
                    + " so that they differ (add a field such as {year} or {narrator})", "");
            });
    }

    /**
     * The fields the book is named by: its Audible product's when the tag stage matched it before delivery, else its
     * own tags, as the plan read them (only its key when there is no plan).
     */
    static NamingFields namingFields(BookAttempt run) {
        java.util.Optional<org.automb.metadata.AudibleProduct> product = run.tagging()
            .filter(TagOutcome.class::isInstance).map(TagOutcome.class::cast).flatMap(TagOutcome::product);
        if (product.isPresent()) {
            return NamingFields.fromProduct(run.book().key(), product.get());
        }
        return run.plan() == null ? NamingFields.fromKey(run.book().key())
            : NamingFields.fromTags(run.book().key(), run.plan().tags());
    }

    /**
     * What ON_COMPLETE says to do with the originals, now that the output is safely in place. Only the files the
     * attempt read are archived or deleted: those of {@code asTaken} that are still as they were when the book was
     * taken. A file or sub-book dropped into the book's folder since, or a file rewritten since, stays in the inbox
     * (a new change, read by a later scan); folders left empty (or holding only junk, which goes along) are removed.
     */
    public void handleOriginals(BookAttempt run, BookFingerprint asTaken) {
        Book book = run.book();
        List<Path> read = asTaken.unchangedFiles(book);
        try {
            switch (settings.onComplete()) {
                case ARCHIVE -> archive(book, read, knownSourceHashes(run));
                case DELETE -> delete(book, read);
                case TEST_DO_NOTHING -> LOG.debug("book '{}': originals left in the inbox (test_do_nothing)", book.key());
            }
        } catch (IOException e) {
            // not retried: a retry would convert the book again only to find its own output in the way
            String verb = settings.onComplete().name().toLowerCase();
            LOG.error("book '{}': delivered to {}, but its originals could not be {}d: {}. {}; the book is not taken"
                + " again until its files change", book.key(), run.finalOutput(), verb, e.getMessage(),
                settings.onComplete() == Settings.OnComplete.ARCHIVE
                    ? "What is left of them stays in the inbox: move it to " + settings.archive() + " yourself"
                    : "What is left of them stays in the inbox: delete it yourself");
            return;
        }
        if (settings.onComplete() != Settings.OnComplete.TEST_DO_NOTHING) {
            reportLeftInInbox(book);
        }
    }

    /** The sources' checksums the attempt computed, when they are there (a book finished after a crash has none). */
    private static Map<Path, String> knownSourceHashes(BookAttempt run) {
        return run.sourceHashes()
            .filter(hashes -> hashes.isDone() && !hashes.isCompletedExceptionally())
            .map(CompletableFuture::join)
            .orElse(Map.of());
    }

    /** Once per book, which names its folders could not hold (intake.json records them too). */
    private static void logShortened(Book book, List<ShortenedName> shortened) {
        for (ShortenedName name : shortened) {
            LOG.warn("book '{}': '{}' is too long for the file system of the {} folder; written as '{}'", book.key(),
                name.original(), name.folder(), name.written());
        }
    }

    /** Logs the closing line: time taken and speed. */
    public void logDone(BookAttempt run) {
        double seconds = Duration.between(run.startedAt(), clock.instant()).toMillis() / 1000.0;
        double audio = run.plan().totalSeconds();
        LOG.info("book '{}': done in {} s ({}x real time) -> {}", run.book().key(), String.format("%.1f", seconds),
            String.format("%.0f", audio / Math.max(seconds, 0.001)), run.finalOutput());
    }

    private void archive(Book book, List<Path> read, Map<Path, String> knownSha256) throws IOException {
        Path target = layout.archiveFolder(book);
        if (Files.exists(target)) {
            String now = clock.instant().atZone(clock.getZone()).format(ARCHIVE_SUFFIX_TIME);
            target = target.resolveSibling(layout.folderName(target.getParent(), target.getFileName().toString(),
                "_" + now));
        }
        if (!book.looseFile() && holdsOnly(book.root(), read)) {
            // all or nothing: one rename, or across file systems the whole folder copied and checked before it is deleted
            mover.moveTree(book.root(), target, knownSha256);
            LOG.info("book '{}': originals archived to {}", book.key(), target);
            return;
        }
        Path base = book.folder();
        boolean created = !Files.exists(target);
        try {
            mover.moveFilesInto(read, base, target, knownSha256);
        } catch (IOException | RuntimeException e) {
            if (created) {
                removeEmptyFolders(target); // folders made for a copy that failed its check
            }
            throw e;
        }
        if (!book.looseFile()) {
            removeEmptiedFolders(book.root(), target);
        }
        LOG.info("book '{}': originals archived to {}", book.key(), target);
    }

    /** Deletes {@code root} and the folders under it that hold nothing, deepest first; anything with a file stays. */
    private static void removeEmptyFolders(Path root) throws IOException {
        if (!Files.isDirectory(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> folders;
        try (var walk = Files.walk(root)) {
            folders = walk.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .sorted(java.util.Comparator.reverseOrder()).toList();
        }
        for (Path folder : folders) {
            try (var entries = Files.list(folder)) {
                if (entries.findAny().isEmpty()) {
                    Files.delete(folder);
                }
            }
        }
    }

    /**
     * True when the folder holds nothing but {@code read} (and junk): it can then be renamed as a whole, which a
     * crash cannot leave half done. The check and the rename are a few microseconds apart.
     */
    private static boolean holdsOnly(Path root, List<Path> read) throws IOException {
        Set<Path> expected = new HashSet<>(read);
        try (var entries = Files.walk(root)) {
            return entries.filter(entry -> !Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .filter(entry -> !isUnderJunk(root, entry))
                .allMatch(expected::contains);
        } catch (java.io.UncheckedIOException e) {
            return false; // changing under the walk: move file by file
        }
    }

    private static boolean isUnderJunk(Path root, Path entry) {
        for (Path part : root.relativize(entry)) {
            if (JunkFiles.isJunk(part.toString())) {
                return true;
            }
        }
        return false;
    }

    private void delete(Book book, List<Path> read) throws IOException {
        for (Path file : read) {
            Files.deleteIfExists(file);
        }
        if (!book.looseFile()) {
            removeEmptiedFolders(book.root(), null);
        }
        LOG.info("book '{}': originals deleted", book.key());
    }

    /**
     * Removes, deepest first, the book's folders that hold nothing but junk now (.DS_Store, __MACOSX...); the junk
     * goes to {@code archive} at the same place (deleted when {@code archive} is null). Folders that still hold
     * anything else (what arrived during the conversion) stay.
     */
    private void removeEmptiedFolders(Path root, Path archive) throws IOException {
        if (!Files.isDirectory(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes attrs) {
                return !dir.equals(root) && JunkFiles.isJunk(dir.getFileName().toString())
                    ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                List<Path> entries;
                try (var listing = Files.list(dir)) {
                    entries = listing.toList();
                }
                if (entries.stream().allMatch(entry -> JunkFiles.isJunk(entry.getFileName().toString()))) {
                    for (Path junk : entries) {
                        if (archive == null) {
                            mover.deleteTree(junk);
                        } else {
                            mover.moveTree(junk, archive.resolve(root.relativize(junk).toString()));
                        }
                    }
                    Files.delete(dir);
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
    }

    /** Logs what stays in the book's inbox folder: it arrived or changed during the conversion and is read again. */
    private static void reportLeftInInbox(Book book) {
        if (book.looseFile() || !Files.isDirectory(book.root())) {
            return;
        }
        try (var left = Files.walk(book.root())) {
            List<String> files = left.filter(Files::isRegularFile)
                .map(file -> book.root().relativize(file).toString()).sorted().toList();
            if (!files.isEmpty()) {
                LOG.warn("book '{}': left in the inbox what arrived or changed during the conversion: {}; it is read"
                    + " again as a change of the book", book.key(), String.join(", ", files));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // only a log line: the next scan sees what is there
        }
    }

    /**
     * Images, pdf, epub, txt, cue, nfo travel beside the m4b (each checked by SHA-256); a clash of names keeps both.
     * Returns the names that had to be shortened.
     */
    private List<ShortenedName> copyExtraFiles(Book book, Path targetFolder, boolean replace) throws IOException {
        Set<String> taken = new HashSet<>();
        List<ShortenedName> shortened = new ArrayList<>();
        for (Path extra : book.extraFiles()) {
            String name = extra.getFileName().toString();
            if (name.equals(org.automb.deliver.FailedBookMover.INFO_FILE)) {
                continue; // a book moved back from the failed folder: its failure report is not part of the book
            }
            if (!taken.add(name)) {
                name = extra.getParent().getFileName() + " - " + name;
                taken.add(name);
            }
            String written = layout.fileName(targetFolder, name);
            if (!written.equals(name)) {
                shortened.add(new ShortenedName("converted", name, written));
            }
            Path copy = targetFolder.resolve(written);
            if (!Files.exists(copy) || replace) {
                mover.copyFile(extra, copy);
            }
        }
        return shortened;
    }
}
