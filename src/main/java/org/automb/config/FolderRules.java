package org.automb.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The rules every folder setting must keep, checked before anything is touched: by the start (before folders are
 * created, the instance lock taken or the job store opened) and by {@code --validate}, with this same code, so the two
 * always agree.
 *
 * <p>Each folder is taken at its real path (symbolic links followed; a folder that does not exist yet at the real path
 * of its nearest existing ancestor plus the rest). No two folders may be the same, and none may lie inside another:
 * the start-up cleanup empties the working folder, finished books leave the inbox, and the scanner reads everything
 * under the inbox, so any nesting lets the service delete, move or re-read its own files. There is no exception, also
 * not for folders a setting leaves unused (ARCHIVE_FOLDER with ON_COMPLETE=delete): being strict costs a user one
 * more folder, and a rule without exceptions is one a reader can check. BACKUP_FOLDER counts only with BACKUP=Y,
 * since nothing else creates or writes it.
 *
 * <p>A file where a folder belongs, a folder that cannot be created, and a folder the service cannot use as its role
 * needs (read and write, the inbox too: it holds the instance lock, and failed books leave it) are refused too. Permissions are
 * checked with {@link Files#isWritable}/{@link Files#isReadable} (the access(2) call), which honour read-only mounts
 * also for root.
 */
public final class FolderRules {

    /**
     * A folder setting.
     *
     * @param setting the setting's name (INBOX_FOLDER)
     * @param path    its value, absolute
     * @param writes  true when the service creates, moves or deletes files there
     */
    public record Folder(String setting, Path path, boolean writes) {
        public Folder {
            Objects.requireNonNull(setting, "setting");
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * What the check found.
     *
     * @param refusals one line each, naming the setting, the path and the fix; the service must not start
     * @param notes    harmless facts worth saying (a folder the start will create)
     */
    public record Verdict(List<String> refusals, List<String> notes) {
        public Verdict {
            refusals = List.copyOf(refusals);
            notes = List.copyOf(notes);
        }

        public boolean refused() {
            return !refusals.isEmpty();
        }
    }

    /** The folders the service uses with {@code settings}, in the order they are reported. */
    public static List<Folder> of(Settings settings) {
        List<Folder> folders = new ArrayList<>();
        // written whatever ON_COMPLETE says: the instance lock lives there, and failed books are moved out of it
        folders.add(new Folder("INBOX_FOLDER", settings.inbox(), true));
        folders.add(new Folder("CONVERTED_FOLDER", settings.converted(), true));
        folders.add(new Folder("ARCHIVE_FOLDER", settings.archive(), true));
        folders.add(new Folder("FAILED_FOLDER", settings.failed(), true));
        folders.add(new Folder("WORKING_FOLDER", settings.working(), true));
        folders.add(new Folder("CONFIG_FOLDER", settings.config(), true));
        if (settings.backupFirst()) {
            folders.add(new Folder("BACKUP_FOLDER", settings.backup(), true));
        }
        if (settings.web().reviewBeforeRelease()) {
            folders.add(new Folder("REVIEW_FOLDER", settings.web().reviewFolder(), true));
        }
        return folders;
    }

    /** Checks {@code folders}; reads the file system only. */
    public Verdict check(List<Folder> folders) {
        List<String> refusals = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Located> located = new ArrayList<>();
        for (Folder folder : folders) {
            Located where = locate(folder, refusals);
            if (where != null) {
                located.add(where);
                if (!where.exists()) {
                    notes.add(folder.setting() + "=" + folder.path() + " does not exist yet; the service creates it at start");
                }
            }
        }
        for (int i = 0; i < located.size(); i++) {
            for (int j = i + 1; j < located.size(); j++) {
                overlap(located.get(i), located.get(j)).ifPresent(refusals::add);
            }
        }
        return new Verdict(refusals, notes);
    }

    /**
     * Where a folder really is.
     *
     * @param real       its real path (symbolic links followed), or the real path of its nearest existing ancestor
     *                   plus the rest
     * @param exists     true when the folder exists
     * @param identities the file keys (device and inode) of the folder, when it exists, and of each existing ancestor:
     *                   they catch a folder reached through a bind mount, which no path comparison sees
     */
    private record Located(Folder folder, Path real, boolean exists, List<Object> identities) {
        Object identity() {
            return exists && !identities.isEmpty() ? identities.get(0) : null;
        }

        /** The path as given, and the real path when they differ. */
        String described() {
            String given = folder.setting() + "=" + folder.path();
            return real.equals(folder.path()) ? given : given + " (really " + real + ")";
        }
    }

    /** The folder's real location, or null after adding the refusal that makes it unusable. */
    private static Located locate(Folder folder, List<String> refusals) {
        Path path = folder.path().toAbsolutePath().normalize();
        String named = folder.setting() + "=" + path;
        try {
            if (Files.exists(path)) {
                if (!Files.isDirectory(path)) {
                    refusals.add(named + " is a file, not a folder; point " + folder.setting()
                        + " at a folder, or move the file away");
                    return null;
                }
                checkAccess(folder, named, path, refusals);
                Path real = path.toRealPath();
                return new Located(folder, real, true, identities(real));
            }
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                refusals.add(named + " is a symbolic link to " + Files.readSymbolicLink(path)
                    + ", which does not exist; create the folder it points to, or point " + folder.setting() + " elsewhere");
                return null;
            }
            Path ancestor = path.getParent();
            while (ancestor != null && !Files.exists(ancestor)) {
                if (Files.exists(ancestor, LinkOption.NOFOLLOW_LINKS)) {
                    refusals.add(named + " cannot be created: " + ancestor + " is a symbolic link to a missing folder;"
                        + " create the folder it points to, or point " + folder.setting() + " elsewhere");
                    return null;
                }
                ancestor = ancestor.getParent();
            }
            if (ancestor == null) {
                refusals.add(named + " cannot be created: no part of the path exists; point " + folder.setting()
                    + " at a folder on a mounted file system");
                return null;
            }
            if (!Files.isDirectory(ancestor)) {
                refusals.add(named + " cannot be created: " + ancestor + " is a file; point " + folder.setting()
                    + " elsewhere, or move the file away");
                return null;
            }
            if (!Files.isWritable(ancestor) || !Files.isExecutable(ancestor)) {
                refusals.add(named + " cannot be created: " + ancestor + " is not writable by this user (permissions,"
                    + " or a read-only mount); create the folder yourself with the right owner, or point "
                    + folder.setting() + " elsewhere");
                return null;
            }
            Path realAncestor = ancestor.toRealPath();
            return new Located(folder, realAncestor.resolve(ancestor.relativize(path)), false, identities(realAncestor));
        } catch (IOException e) {
            refusals.add(named + " cannot be examined (" + e + "); check the path and its permissions");
            return null;
        }
    }

    private static void checkAccess(Folder folder, String named, Path path, List<String> refusals) {
        boolean readable = Files.isReadable(path) && Files.isExecutable(path);
        boolean writable = Files.isWritable(path);
        if (!readable || folder.writes() && !writable) {
            String needs = folder.writes() ? "readable and writable" : "readable";
            refusals.add(named + " is not " + needs + " by this user (permissions, or a read-only mount); "
                + "fix its owner or permissions, mount it " + (folder.writes() ? "read-write" : "readable")
                + ", or point " + folder.setting() + " elsewhere");
        }
    }

    /** File keys of {@code real} and each ancestor, nearest first; empty where the file system has none. */
    private static List<Object> identities(Path real) throws IOException {
        List<Object> keys = new ArrayList<>();
        for (Path p = real; p != null; p = p.getParent()) {
            Object key = Files.readAttributes(p, BasicFileAttributes.class).fileKey();
            if (key == null) {
                return List.of();
            }
            keys.add(key);
        }
        return keys;
    }

    /** The refusal for two folders that are one, or one inside the other. */
    private static Optional<String> overlap(Located a, Located b) {
        boolean same = a.real().equals(b.real()) || a.identity() != null && a.identity().equals(b.identity());
        if (same) {
            return Optional.of(b.described() + " is the same folder as " + a.described()
                + "; give " + b.folder().setting() + " a folder of its own, beside the others");
        }
        if (inside(b, a)) {
            return Optional.of(insideMessage(b, a));
        }
        if (inside(a, b)) {
            return Optional.of(insideMessage(a, b));
        }
        return Optional.empty();
    }

    /** True when {@code inner} lies under {@code outer}, by real path or by the identity of an ancestor. */
    private static boolean inside(Located inner, Located outer) {
        if (inner.real().startsWith(outer.real()) && !inner.real().equals(outer.real())) {
            return true;
        }
        Object outerIdentity = outer.identity();
        if (outerIdentity == null) {
            return false;
        }
        // the inner folder's own identity (when it exists) is its first; its ancestors' follow
        List<Object> ancestors = inner.exists() ? inner.identities().subList(1, inner.identities().size()) : inner.identities();
        Set<Object> above = new HashSet<>(ancestors);
        return above.contains(outerIdentity);
    }

    private static String insideMessage(Located inner, Located outer) {
        return inner.described() + " lies inside " + outer.described() + "; move " + inner.folder().setting()
            + " out of " + outer.folder().setting() + " (folders may sit side by side, never one inside another)";
    }
}
