package org.automb.actions;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.automb.config.Settings;
import org.automb.deliver.FailedBookMover;
import org.automb.deliver.OutputLayout;
import org.automb.io.SafeMover;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a book's originals back to its key's place in the inbox, for an action that converts it again: from the
 * failed folder the dead letter set it aside in, or from ARCHIVE_FOLDER. Moves go through {@link SafeMover} (checked
 * copies across file systems), never over something already in the inbox, and lose nothing: a move that fails
 * leaves the files where they were. FAILED_INFO.txt stays out of the inbox.
 */
final class InboxReturns {

    private static final Logger LOG = LoggerFactory.getLogger(InboxReturns.class);
    /** The suffix {@code BookFinisher} gives an archive folder whose name was taken: {@code _yyyy-MM-dd_HH-mm-ss}. */
    private static final Pattern ARCHIVE_STAMP = Pattern.compile("_\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2}");

    private final Settings settings;
    private final OutputLayout layout;
    private final SafeMover mover;

    InboxReturns(Settings settings, OutputLayout layout, SafeMover mover) {
        this.settings = settings;
        this.layout = layout;
        this.mover = mover;
    }

    /** Where the originals were found. */
    enum Source { INBOX, FAILED_FOLDER, ARCHIVE }

    /**
     * Makes sure the book's files are in the inbox for its next run: where the dead letter set them aside, they are
     * moved back; with {@code fromArchive}, archived originals are too.
     *
     * @return where they were
     * @throws ActionRefused CONFLICT when they are nowhere to be found, the inbox place is taken, or a move failed
     */
    Source bringBack(Job job, boolean fromArchive) {
        String key = job.key();
        Path place = inboxPlace(key);
        Optional<Path> failedFolder = failedFolderOf(job);
        if (failedFolder.isPresent()) {
            moveBack(key, failedFolder.get(), place);
            return Source.FAILED_FOLDER;
        }
        if (inInbox(key, place)) {
            return Source.INBOX;
        }
        if (fromArchive) {
            if (settings.onComplete() == Settings.OnComplete.DELETE) {
                throw ActionRefused.conflict("book '" + key + "': the originals were deleted (ON_COMPLETE=delete)");
            }
            Optional<Path> archived = archivedOriginals(key);
            if (archived.isPresent()) {
                moveBack(key, archived.get(), place);
                return Source.ARCHIVE;
            }
            throw ActionRefused.conflict("book '" + key + "': its originals are neither in the inbox (" + place
                + ") nor in ARCHIVE_FOLDER (" + layout.archiveFolder(key) + ")");
        }
        throw ActionRefused.conflict("book '" + key + "': its files are no longer in the inbox (" + place + ")");
    }

    /** True when the book's files are in the inbox now: its folder, or a loose audio file named by its key. */
    boolean inInbox(String key) {
        return inInbox(key, inboxPlace(key));
    }

    private boolean inInbox(String key, Path place) {
        return Files.isDirectory(place) || !looseFilesOf(key).isEmpty();
    }

    /**
     * The failed folder a FAILED job's files were moved to ({@code outputPath}, see FailureHandling.bookFailed), when
     * it is still there; empty for a book the dead letter left in the inbox.
     */
    private Optional<Path> failedFolderOf(Job job) {
        if (job.state() != JobState.FAILED || job.outputPath() == null) {
            return Optional.empty();
        }
        Path folder = Path.of(job.outputPath()).toAbsolutePath().normalize();
        Path failed = settings.failed().toAbsolutePath().normalize();
        if (!folder.startsWith(failed) || folder.equals(failed)) {
            return Optional.empty();
        }
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            if (inInbox(job.key())) {
                return Optional.empty(); // the user moved it back already
            }
            throw ActionRefused.conflict("book '" + job.key() + "': the failed folder " + folder
                + " is gone, and the book is not in the inbox");
        }
        return Optional.of(folder);
    }

    /** The archived originals: the key's archive folder, else the newest one with a time suffix. */
    private Optional<Path> archivedOriginals(String key) {
        Path first = layout.archiveFolder(key);
        if (Files.isDirectory(first, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(first);
        }
        Path parent = first.getParent();
        if (!Files.isDirectory(parent)) {
            return Optional.empty();
        }
        String name = first.getFileName().toString();
        List<Path> stamped = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
            for (Path entry : entries) {
                String entryName = entry.getFileName().toString();
                if (entryName.startsWith(name) && ARCHIVE_STAMP.matcher(entryName.substring(name.length())).matches()
                        && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    stamped.add(entry);
                }
            }
        } catch (IOException e) {
            throw ActionRefused.conflict("book '" + key + "': cannot look for its originals in " + parent + ": "
                + e.getMessage());
        }
        // the stamp sorts by time: the newest archive holds the originals of the latest output
        return stamped.stream().max(Path::compareTo);
    }

    /**
     * Moves {@code from} to {@code place} whole. A FAILED_INFO.txt in it is set aside first (a hidden name beside
     * it) and deleted once the book is back: the failure stays in the job's events, not in the inbox.
     */
    private void moveBack(String key, Path from, Path place) {
        refuseIfTaken(key, place);
        Path info = from.resolve(FailedBookMover.INFO_FILE);
        Path setAside = from.resolveSibling("." + from.getFileName() + "." + FailedBookMover.INFO_FILE);
        // the service's log of the failed run stays out of the inbox as well (the job keeps its log tail)
        Path log = from.resolve(FailedBookMover.LOG_FILE);
        Path logSetAside = from.resolveSibling("." + from.getFileName() + "." + FailedBookMover.LOG_FILE);
        boolean infoSetAside = false;
        boolean logWasSetAside = false;
        try {
            if (Files.isRegularFile(info, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(info, setAside, StandardCopyOption.ATOMIC_MOVE);
                infoSetAside = true;
            }
            if (Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(log, logSetAside, StandardCopyOption.ATOMIC_MOVE);
                logWasSetAside = true;
            }
            Files.createDirectories(place.getParent());
            refuseIfTaken(key, place);
            mover.moveTree(from, place);
        } catch (IOException e) {
            restoreInfo(key, setAside, info, infoSetAside);
            restoreInfo(key, logSetAside, log, logWasSetAside);
            throw ActionRefused.conflict("book '" + key + "': cannot move its files from " + from + " back to "
                + place + ": " + e.getMessage() + "; they stay in " + from);
        } catch (ActionRefused e) {
            restoreInfo(key, setAside, info, infoSetAside);
            restoreInfo(key, logSetAside, log, logWasSetAside);
            throw e;
        }
        LOG.info("book '{}': its files were moved back from {} to {}", key, from, place);
        List<Path> asides = new ArrayList<>();
        if (infoSetAside) {
            asides.add(setAside);
        }
        if (logWasSetAside) {
            asides.add(logSetAside);
        }
        for (Path aside : asides) {
            try {
                Files.deleteIfExists(aside);
            } catch (IOException e) {
                LOG.warn("book '{}': could not delete {}: {}", key, aside, e.getMessage());
            }
        }
    }

    private static void restoreInfo(String key, Path setAside, Path info, boolean infoSetAside) {
        if (!infoSetAside) {
            return;
        }
        try {
            Files.move(setAside, info, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("book '{}': could not put {} back as {}: {}", key, setAside, info, e.getMessage());
        }
    }

    /** Nothing of the same key may be in the inbox: its folder, or a loose file that would read as the same book. */
    private void refuseIfTaken(String key, Path place) {
        if (Files.exists(place, LinkOption.NOFOLLOW_LINKS) || !looseFilesOf(key).isEmpty()) {
            throw ActionRefused.conflict("book '" + key + "': something already occupies its place in the inbox ("
                + place + "); move it away first");
        }
    }

    /** The audio files in the inbox root that a scan reads as the loose-file book {@code key}. */
    private List<Path> looseFilesOf(String key) {
        if (key.contains("/")) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(settings.inbox())) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                int dot = name.lastIndexOf('.');
                if (dot > 0 && name.substring(0, dot).equals(key)
                        && settings.audioExtensions().contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))
                        && Files.isRegularFile(entry)) {
                    files.add(entry);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return files;
    }

    /** The key's place in the inbox; a key that would lead out of it (never one the scan gave) is refused. */
    private Path inboxPlace(String key) {
        Path inbox = settings.inbox().toAbsolutePath().normalize();
        Path place = inbox.resolve(key).normalize();
        if (!place.startsWith(inbox) || place.equals(inbox)) {
            throw ActionRefused.conflict("book '" + key + "': its key names no place inside the inbox");
        }
        return place;
    }
}
