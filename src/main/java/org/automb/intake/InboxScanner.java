package org.automb.intake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.automb.jobs.BookLedger;
import org.automb.jobs.ConversionGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over the inbox (the inbox-pass route's bean, run every SLEEP_TIME and after file-system events): finds the
 * books, reports problems once, and returns the books that stopped changing and are not yet taken or finished.
 */
public final class InboxScanner {

    private static final Logger LOG = LoggerFactory.getLogger(InboxScanner.class);

    private final Path inbox;
    private final BookFinder finder;
    private final ReadinessTracker readiness;
    private final BookLedger ledger;
    private final InboxChanges changes;
    private final ConversionGate gate;
    private final Map<String, String> reportedProblems = new ConcurrentHashMap<>();
    /** The held-back books last told in the log, with what they held then (told again when that changes). */
    private final Map<String, String> reportedHeldBack = new ConcurrentHashMap<>();
    /** Why the gate held the books back when last told in the log (told again when the reason changes). */
    private volatile String reportedGate = "";

    /**
     * @param changes the changes file-system events told of (none are told where the inbox is not watched)
     * @param gate    whether books may start now (a user's pause, CONVERT_SCHEDULE)
     */
    public InboxScanner(Path inbox, BookFinder finder, ReadinessTracker readiness, BookLedger ledger,
            InboxChanges changes, ConversionGate gate) {
        this.gate = gate;
        this.inbox = inbox;
        this.finder = finder;
        this.readiness = readiness;
        this.ledger = ledger;
        this.changes = changes;
    }

    /**
     * The books ready to be converted now, each claimed for exactly one worker, with their fingerprint then. One pass
     * at a time: the SLEEP_TIME timer and the watch's passes may ask at once.
     */
    public synchronized List<TakenBook> readyBooks() {
        if (!Files.isDirectory(inbox)) {
            reportOnce("", "the inbox folder " + inbox + " does not exist");
            ledger.heldBack(Map.of());
            ledger.scanFinished(0, List.of());
            return List.of();
        }
        InboxScan scan = finder.scan(inbox);
        scan.problems().forEach(this::report);
        recordHeldBack(scan);
        List<TakenBook> ready = new ArrayList<>();
        int changing = 0;
        // asked once per pass: a book found while the gate is closed waits in the inbox, recorded WAITING
        java.util.Optional<String> closed = gate.closedBecause();
        int gated = 0;
        Map<String, String> waitingForGate = new java.util.LinkedHashMap<>();
        readiness.retainOnly(scan.books().stream().map(Book::key).toList());
        for (Book book : scan.books()) {
            if (ledger.isBusy(book.key())) {
                continue;
            }
            BookFingerprint fingerprint = BookFingerprint.of(book);
            if (!fingerprint.hasAudio()) {
                // its files left the inbox since the listing (a worker just archived it, or it went to the failed
                // folder): not new content, so a finished job must not go back to WAITING
                readiness.forget(book.key());
                continue;
            }
            String hash = fingerprint.contentHash();
            if (ledger.isFinishedWith(book.key(), hash)) {
                continue;
            }
            if (!readiness.isReady(book, fingerprint, changes.lastChange(book))) {
                ledger.waiting(book.key(), hash);
                changing++;
                continue;
            }
            if (closed.isPresent()) {
                ledger.waiting(book.key(), hash);
                gated++;
                waitingForGate.put(book.key(), closed.get());
                continue;
            }
            if (ledger.claim(book.key(), hash)) {
                readiness.forget(book.key());
                LOG.info("book '{}': started ({} audio file{})", book.key(), book.audioFiles().size(),
                    book.audioFiles().size() == 1 ? "" : "s");
                ready.add(new TakenBook(book, fingerprint));
            }
        }
        reportGate(gated == 0 ? "" : closed.get(), gated);
        if (!waitingForGate.isEmpty()) {
            // --once --respect-schedule names them in its summary and ends with exit code 3: they were not converted
            waitingForGate.putAll(ledger.heldBack());
            ledger.heldBack(waitingForGate);
        }
        ledger.scanFinished(changing, scan.books().stream().map(Book::key).toList());
        return ready;
    }

    /**
     * Hands the ledger the books held back now (for {@code --once}'s summary and exit code) and tells each in the log
     * once per change. A book being converted is not held back: what a scan sees of it mid-way is read again after.
     */
    private void recordHeldBack(InboxScan scan) {
        Map<String, String> now = new java.util.LinkedHashMap<>();
        java.util.Set<String> refused = new java.util.HashSet<>();
        scan.problems().stream().filter(InboxScan.InboxProblem::fatal).forEach(p -> refused.add(p.key()));
        for (InboxScan.HeldBack held : scan.heldBack()) {
            if (ledger.isBusy(held.key())) {
                continue;
            }
            now.put(held.key(), held.reason());
            String seen = held.reason() + "\n" + BookFingerprint.of(new Book(held.key(), held.key(), held.folder(),
                List.of(), List.of(), false)).files();
            if (!seen.equals(reportedHeldBack.put(held.key(), seen)) && !refused.contains(held.key())) {
                // a refused folder has its own error line; this one is for links and unreadable parts
                LOG.warn("book '{}' is held back ({}): it is not converted until that is fixed; it is looked at again"
                    + " when it changes", held.key(), held.reason());
            }
        }
        reportedHeldBack.keySet().retainAll(now.keySet());
        ledger.heldBack(now);
    }

    /** Tells in the log when books start waiting for the gate, and why; not on every scan. */
    private void reportGate(String reason, int gated) {
        if (!reason.equals(reportedGate)) {
            reportedGate = reason;
            if (!reason.isEmpty()) {
                LOG.info("{} book{} wait{}: {}", gated, gated == 1 ? "" : "s", gated == 1 ? "s" : "", reason);
            }
        }
    }

    private void report(InboxScan.InboxProblem problem) {
        if (problem.fatal() && ledger.isBusy(problem.key())) {
            return; // the book is being converted: it is read again after, as a change, should it still be mixed
        }
        if (problem.fatal()) {
            // a folder that needs the user's hand (e.g. mixed books) fails once per content, never crashes the scan
            if (!ledger.isFinishedWith(problem.key(), problem.message())) {
                LOG.error("book '{}' failed: {}", problem.key(), problem.message());
                ledger.folderRefused(problem.key(), problem.message());
            }
            return;
        }
        reportOnce(problem.key() + "\n" + problem.path(), problem.message());
    }

    /** A problem is logged when it first appears or its message changes, not on every scan. */
    private void reportOnce(String key, String message) {
        if (!message.equals(reportedProblems.put(key, message))) {
            LOG.warn("{}", message);
        }
    }
}
