package org.automb.actions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.automb.config.Settings;
import org.automb.deliver.DeliveredBooks;
import org.automb.deliver.FailedBookMover;
import org.automb.deliver.ManifestWriter;
import org.automb.deliver.OutputLayout;
import org.automb.intake.Book;
import org.automb.io.SafeMover;
import org.automb.jobs.store.EventCause;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobState;
import org.automb.jobs.store.JobStore;
import org.automb.notify.BookEvents;
import org.automb.notify.EventPublisher;
import org.automb.notify.NotifyEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review gate (REVIEW_BEFORE_RELEASE=Y): a converted book waits in REVIEW_FOLDER until a user approves it (it
 * moves to CONVERTED_FOLDER, where library servers see it) or rejects it (it moves to the failed folder with the
 * reason in FAILED_INFO.txt).
 *
 * <p>Each decision moves files first (verified by {@link SafeMover}), then records it in intake.json, then in the job
 * store. A crash in between leaves the job in REVIEW with every file in one of the two places; the same decision
 * made again finds the files where the first one left them and finishes it (see docs/review.md).
 */
public final class ReviewGate {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewGate.class);
    private static final String MANIFEST = DeliveredBooks.MANIFEST;

    private final Settings settings;
    private final OutputLayout layout;
    private final SafeMover mover;
    private final JobStore store;
    private final ManifestWriter manifests;
    private final FailedBookMover failedBooks;
    private final Predicate<String> beingTagged;
    private final Clock clock;
    private final BookEvents events;
    private final EventPublisher publisher;

    /**
     * @param beingTagged true for a book the tag queue (TAG_MODE=async) has yet to tag: it stays where the tag stage
     *                    expects it until that is done
     */
    public ReviewGate(Settings settings, OutputLayout layout, SafeMover mover, JobStore store, ManifestWriter manifests,
                      FailedBookMover failedBooks, Predicate<String> beingTagged, Clock clock) {
        this(settings, layout, mover, store, manifests, failedBooks, beingTagged, clock, null, null);
    }

    /**
     * @param events    makes the events of a decision (an approved book is BookConverted, a rejected one BookFailed);
     *                  null for none
     * @param publisher announces them, off the request's thread
     */
    public ReviewGate(Settings settings, OutputLayout layout, SafeMover mover, JobStore store, ManifestWriter manifests,
                      FailedBookMover failedBooks, Predicate<String> beingTagged, Clock clock, BookEvents events,
                      EventPublisher publisher) {
        this.events = events;
        this.publisher = publisher;
        this.settings = settings;
        this.layout = layout;
        this.mover = mover;
        this.store = store;
        this.manifests = manifests;
        this.failedBooks = failedBooks;
        this.beingTagged = beingTagged;
        this.clock = clock;
    }

    /**
     * Releases a book waiting for review into CONVERTED_FOLDER, at the place its layout (and OUTPUT_NAMING) gives it,
     * with its intake.json and extra files; its job becomes DONE. Another book's output there is not replaced unless
     * OVERWRITE_EXISTING=Y.
     *
     * @return where the book's .m4b is now
     * @throws IllegalStateException naming the job's state when it is not in REVIEW, or saying why it cannot move now
     */
    public synchronized Path approve(String key) {
        Job job = inReview(key);
        Path output = Path.of(job.outputPath());
        Path target = layout.released(output);
        try {
            if (Files.exists(output)) {
                refuseOccupied(key, target);
                moveBookFiles(output.getParent(), target.getParent(), output, target);
            } else if (!isThisBook(key, target, output)) {
                throw new IllegalStateException(gone(key, output));
            } else {
                // an approval a crash cut short: the output is in place already; what is left follows it
                moveBookFiles(output.getParent(), target.getParent(), output, target);
            }
            if (Files.exists(target.resolveSibling(MANIFEST))) {
                manifests.recordReview(target.resolveSibling(MANIFEST), ManifestWriter.REVIEW_APPROVED, target, null);
            }
            removeEmptyFolders(output.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("book '" + key + "': cannot move it from " + output + " to " + target
                + ": " + e.getMessage() + " (what was not moved stays in the review folder; approve it again)", e);
        }
        if (!store.moveOutputIfStill(key, Set.of(JobState.REVIEW), JobState.DONE, target.toString(), null,
                EventCause.API, "approved: " + target)) {
            LOG.warn("book '{}': approved and moved to {}, but its job changed meanwhile", key, target);
        }
        LOG.info("book '{}': approved; released to {}", key, target);
        announce(key, () -> events.approved(key, target));
        return target;
    }

    /**
     * Sets a book waiting for review aside in the failed folder, {@code reason} in its FAILED_INFO.txt and intake.json;
     * its job becomes FAILED with the reason as its error.
     *
     * @return the failed folder the book is now in
     * @throws IllegalStateException naming the job's state when it is not in REVIEW
     */
    public synchronized Path reject(String key, String reason) {
        Job job = inReview(key);
        String why = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
        Path output = Path.of(job.outputPath());
        Path folder;
        try {
            if (Files.exists(output)) {
                folder = moveToFailed(key, output, why);
            } else {
                // a rejection a crash cut short: the book is in the failed folder already
                folder = rejectedBefore(key).orElseThrow(() -> new IllegalStateException(gone(key, output)));
                if (!Files.exists(folder.resolve(FailedBookMover.INFO_FILE))) {
                    Files.writeString(folder.resolve(FailedBookMover.INFO_FILE), failedInfo(key, folder, why));
                }
            }
            Path manifest = folder.resolve(MANIFEST);
            if (Files.exists(manifest)) {
                manifests.recordReview(manifest, ManifestWriter.REVIEW_REJECTED,
                    folder.resolve(output.getFileName().toString()), why);
            }
            removeEmptyFolders(output.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("book '" + key + "': cannot move it from " + output.getParent()
                + " to the failed folder: " + e.getMessage() + " (it stays in the review folder; reject it again)", e);
        }
        String message = "rejected in review: " + why;
        if (!store.moveOutputIfStill(key, Set.of(JobState.REVIEW), JobState.FAILED, folder.toString(), message,
                EventCause.API, message)) {
            LOG.warn("book '{}': rejected and moved to {}, but its job changed meanwhile", key, folder);
        }
        LOG.info("book '{}': rejected ({}); moved to {}", key, why, folder);
        Path rejected = folder;
        announce(key, () -> events.rejected(key, rejected, why));
        return folder;
    }

    /** Publishes a decision's event; the decision is made and stays made whatever becomes of its announcement. */
    private void announce(String key, java.util.function.Supplier<NotifyEvent> event) {
        if (events == null || publisher == null) {
            return;
        }
        try {
            publisher.publish(event.get());
        } catch (RuntimeException e) {
            LOG.warn("book '{}': its review decision could not be announced: {}", key, e.getMessage());
        }
    }

    private Job inReview(String key) {
        Job job = store.find(key).orElseThrow(() -> new IllegalStateException("book '" + key + "': no such job"));
        if (job.state() != JobState.REVIEW) {
            throw new IllegalStateException("book '" + key + "' is " + job.state().code() + ", not waiting for review");
        }
        if (job.outputPath() == null || job.outputPath().isBlank()) {
            throw new IllegalStateException("book '" + key + "': its job does not say where its output is");
        }
        if (beingTagged.test(key)) {
            throw new IllegalStateException("book '" + key + "' is still being tagged; decide once its tagging is done");
        }
        return job;
    }

    /** Another book's output (or, without OVERWRITE_EXISTING, any earlier output) at the place stays. */
    private void refuseOccupied(String key, Path target) {
        if (!Files.exists(target)) {
            return;
        }
        Optional<String> owner = manifests.bookKey(target.resolveSibling(MANIFEST));
        boolean another = owner.isPresent() && !owner.get().equals(key);
        if (another && !layout.naming().followsKey() || !settings.overwriteExisting()) {
            throw new IllegalStateException("book '" + key + "': " + target + " exists already"
                + owner.map(k -> " (book '" + k + "')").orElse("") + "; set OVERWRITE_EXISTING=Y to replace it,"
                + (layout.naming().followsKey() ? "" : " or change OUTPUT_NAMING so that the books differ,")
                + " or move it away, then approve again");
        }
    }

    /** True when {@code target} is there and the intake.json beside it (or the one still in review) names this book. */
    private boolean isThisBook(String key, Path target, Path output) {
        Optional<String> owner = manifests.bookKey(target.resolveSibling(MANIFEST))
            .or(() -> manifests.bookKey(output.resolveSibling(MANIFEST)));
        return Files.exists(target) && owner.map(key::equals).orElse(false);
    }

    /**
     * Moves the book's files (those directly in its review folder: the .m4b, intake.json, extra files) to
     * {@code targetFolder}: the whole folder in one rename when it can be (nothing at the target, no other book's
     * folder inside), else file by file, the extra files first, intake.json last, so that a crash leaves a book that
     * is found again.
     */
    private void moveBookFiles(Path reviewFolder, Path targetFolder, Path output, Path target) throws IOException {
        if (!Files.isDirectory(reviewFolder)) {
            return;
        }
        List<Path> files = new ArrayList<>();
        boolean otherFolders = false;
        try (var entries = Files.list(reviewFolder)) {
            for (Path entry : entries.toList()) {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    otherFolders = true;
                } else if (!SafeMover.isPartialName(entry.getFileName().toString())) {
                    files.add(entry);
                }
            }
        }
        if (!otherFolders && !Files.exists(targetFolder) && !reviewFolder.equals(settings.web().reviewFolder())) {
            mover.moveTree(reviewFolder, targetFolder);
            return;
        }
        files.sort(Comparator.comparing((Path f) -> f.equals(output) ? 1 : f.getFileName().toString().equals(MANIFEST) ? 2 : 0));
        for (Path file : files) {
            Path to = file.equals(output) ? target : targetFolder.resolve(file.getFileName().toString());
            mover.moveFile(file, to);
        }
    }

    /** The book's review folder becomes a failed folder of its own (in one move), with FAILED_INFO.txt. */
    private Path moveToFailed(String key, Path output, String why) throws IOException {
        Path folder = output.getParent();
        List<Path> extras = new ArrayList<>();
        boolean otherFolders = false;
        try (var entries = Files.list(folder)) {
            for (Path entry : entries.toList()) {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    otherFolders = true;
                } else if (!entry.equals(output) && !SafeMover.isPartialName(entry.getFileName().toString())) {
                    extras.add(entry);
                }
            }
        }
        // a folder holding only this book moves whole (one rename, or copied and checked before it is deleted)
        boolean whole = !otherFolders && !folder.equals(settings.web().reviewFolder());
        Book book = new Book(key, bookName(key), whole ? folder : output, List.of(output), extras, !whole);
        return failedBooks.moveToFailed(book, report(key, why));
    }

    private FailedBookMover.FailureReport report(String key, String why) {
        return new FailedBookMover.FailureReport(bookName(key), clock.instant(), false, 0, settings.maxRetries(),
            "rejected in review: " + why, "");
    }

    private String failedInfo(String key, Path folder, String why) {
        Book book = new Book(key, bookName(key), folder, List.of(), List.of(), false);
        return failedBooks.render(report(key, why), book);
    }

    /** The failed folder an earlier, interrupted rejection of this book moved it to: its intake.json names the key. */
    private Optional<Path> rejectedBefore(String key) throws IOException {
        Path failed = settings.failed();
        if (!Files.isDirectory(failed)) {
            return Optional.empty();
        }
        try (var folders = Files.list(failed)) {
            return folders.filter(Files::isDirectory)
                .filter(f -> manifests.bookKey(f.resolve(MANIFEST)).map(key::equals).orElse(false))
                .max(Comparator.comparing(f -> f.getFileName().toString()));
        }
    }

    /** Removes {@code folder} and its parents up to REVIEW_FOLDER while they are empty. */
    private void removeEmptyFolders(Path folder) throws IOException {
        Path root = settings.web().reviewFolder().normalize();
        for (Path f = folder.normalize(); f != null && f.startsWith(root) && !f.equals(root); f = f.getParent()) {
            if (!Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (var entries = Files.list(f)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(f);
        }
    }

    private static String gone(String key, Path output) {
        return "book '" + key + "': its output " + output + " is no longer in the review folder";
    }

    private static String bookName(String key) {
        int slash = key.lastIndexOf('/');
        return slash < 0 ? key : key.substring(slash + 1);
    }
}
