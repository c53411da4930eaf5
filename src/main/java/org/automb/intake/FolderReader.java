package org.automb.intake;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads a folder tree of the inbox into {@link Folder}s, skipping junk and never following a symlink out of the
 * inbox. Read errors become {@link ScanIssue}s instead of exceptions so one bad folder cannot stop a scan.
 */
final class FolderReader {

    private final Path inboxRealPath;
    private final Predicate<String> isAudio;
    private final Predicate<String> isExtra;
    private final Comparator<Path> byName;

    FolderReader(Path inboxRealPath, Predicate<String> isAudio, Predicate<String> isExtra, NaturalOrder order) {
        this.inboxRealPath = inboxRealPath;
        this.isAudio = isAudio;
        this.isExtra = isExtra;
        this.byName = Comparator.comparing(RelativePaths::nameOf, order);
    }

    Folder read(Path dir) {
        Listing listing = new Listing();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                addEntry(entry, listing);
            }
        } catch (IOException | DirectoryIteratorException e) {
            listing.issues.add(new ScanIssue(dir, "cannot read folder " + dir + " (" + describe(e) + ")",
                    ScanIssue.UNREADABLE));
        }
        return listing.toFolder(dir, byName);
    }

    private void addEntry(Path entry, Listing listing) {
        String name = RelativePaths.nameOf(entry);
        if (JunkFiles.isIgnored(name)) {
            return;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException vanished) {
            return; // deleted while we looked: the next scan sees the new state
        } catch (IOException e) {
            listing.issues.add(new ScanIssue(entry, "cannot read " + entry + " (" + describe(e) + ")",
                    ScanIssue.UNREADABLE));
            return;
        }
        if (attributes.isSymbolicLink()) {
            addLinkTarget(entry, name, listing);
        } else if (attributes.isDirectory()) {
            listing.subfolders.add(read(entry));
        } else if (attributes.isRegularFile()) {
            addFile(entry, name, listing);
        }
        // fifos, sockets and devices are never book content
    }

    /**
     * Accepts a symlink only when it leads to a regular file inside the inbox; folders are never followed. Any other
     * link holds its book back, with the reason: it leads out of the book's top-level folder, it loops back to a
     * folder that holds it ({@code self -> .}), it is a folder inside the book, or it is broken.
     */
    private void addLinkTarget(Path link, String name, Listing listing) {
        Path target;
        try {
            target = link.toRealPath();
        } catch (IOException e) {
            listing.issues.add(new ScanIssue(link, "ignored broken symlink " + link, ScanIssue.BROKEN_LINK));
            return;
        }
        boolean isFolder = Files.isDirectory(target);
        if (!target.startsWith(inboxRealPath)) {
            if (isFolder || isAudio.test(name) || isExtra.test(name)) {
                listing.issues.add(new ScanIssue(link, "ignored symlink " + link
                        + " that points outside the inbox; copy the files into the inbox instead", ScanIssue.LINK_OUTSIDE));
            }
        } else if (isFolder) {
            // following folder links could loop or count the same book twice
            listing.issues.add(new ScanIssue(link, "ignored symlinked folder " + link
                    + "; symlinked folders are not followed, move the folder itself into the inbox",
                    folderLinkReason(link, target)));
        } else if (Files.isRegularFile(target)) {
            addFile(link, name, listing);
        }
    }

    /** Why a link to a folder inside the inbox holds its book back. */
    private String folderLinkReason(Path link, Path target) {
        Path holder;
        try {
            holder = link.toAbsolutePath().getParent().toRealPath();
        } catch (IOException e) {
            return ScanIssue.LINKED_FOLDER;
        }
        if (holder.startsWith(target)) {
            return ScanIssue.LINK_LOOP;
        }
        Path relative = inboxRealPath.relativize(holder);
        boolean inTheSameBook = relative.getNameCount() > 0 && !relative.toString().isEmpty()
                && target.startsWith(inboxRealPath.resolve(relative.getName(0)));
        return inTheSameBook ? ScanIssue.LINKED_FOLDER : ScanIssue.LINK_OUTSIDE;
    }

    private void addFile(Path file, String name, Listing listing) {
        if (isAudio.test(name)) {
            listing.audio.add(file);
        } else if (isExtra.test(name)) {
            listing.extras.add(file);
        }
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof DirectoryIteratorException ? e.getCause() : e;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Entries of one folder while it is being read. */
    private static final class Listing {
        final List<Path> audio = new ArrayList<>();
        final List<Path> extras = new ArrayList<>();
        final List<Folder> subfolders = new ArrayList<>();
        final List<ScanIssue> issues = new ArrayList<>();

        Folder toFolder(Path dir, Comparator<Path> byName) {
            audio.sort(byName);
            extras.sort(byName);
            subfolders.sort(Comparator.comparing(Folder::path, byName));
            return new Folder(dir, audio, extras, subfolders, issues);
        }
    }
}
