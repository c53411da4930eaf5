package org.automb.intake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.automb.jobs.BookLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over the inbox (the scan-inbox route's bean): finds the books, reports problems once,
 * and returns the books that stopped changing and are not yet taken or finished.
 */
public final class InboxScanner {

    private static final Logger LOG = LoggerFactory.getLogger(InboxScanner.class);

    private final Path inbox;
    private final BookFinder finder;
    private final ReadinessTracker readiness;
    private final BookLedger ledger;
    private final Map<String, String> reportedProblems = new ConcurrentHashMap<>();

    public InboxScanner(Path inbox, BookFinder finder, ReadinessTracker readiness, BookLedger ledger) {
        this.inbox = inbox;
        this.finder = finder;
        this.readiness = readiness;
        this.ledger = ledger;
    }

    /** The books ready to be converted now, each claimed for exactly one worker. */
    public List<Book> readyBooks() {
        if (!Files.isDirectory(inbox)) {
            reportOnce("", "the inbox folder " + inbox + " does not exist", false);
            ledger.scanFinished(0, List.of());
            return List.of();
        }
        InboxScan scan = finder.scan(inbox);
        scan.problems().forEach(this::report);
        List<Book> ready = new ArrayList<>();
        int changing = 0;
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
            if (!readiness.isReady(book, fingerprint)) {
                ledger.waiting(book.key(), hash);
                changing++;
                continue;
            }
            if (ledger.claim(book.key(), hash)) {
                readiness.forget(book.key());
                LOG.info("book '{}': started ({} audio file{})", book.key(), book.audioFiles().size(),
                    book.audioFiles().size() == 1 ? "" : "s");
                ready.add(book);
            }
        }
        ledger.scanFinished(changing, scan.books().stream().map(Book::key).toList());
        return ready;
    }

    private void report(InboxScan.InboxProblem problem) {
        if (problem.fatal()) {
            // a folder that needs the user's hand (e.g. mixed books) fails once per content, never crashes the scan
            if (!ledger.isFinishedWith(problem.key(), problem.message())) {
                LOG.error("book '{}' failed: {}", problem.key(), problem.message());
                ledger.folderRefused(problem.key(), problem.message());
            }
            return;
        }
        reportOnce(problem.key(), problem.message(), false);
    }

    private void reportOnce(String key, String message, boolean error) {
        if (!message.equals(reportedProblems.put(key, message))) {
            if (error) {
                LOG.error("{}", message);
            } else {
                LOG.warn("{}", message);
            }
        }
    }
}
