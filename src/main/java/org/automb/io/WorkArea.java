package org.automb.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The service's own scratch inside WORKING_FOLDER: a subfolder {@value #FOLDER} that the service created and marked
 * with an {@value #OWNER} file it wrote, holding one folder per book named {@code b-<12 hex digits>} (a hash of the
 * book's key), whose files have short fixed names ({@code output.m4b}, {@code audio.m4a}...). Nothing in it is named
 * after the user's books, so a long book name never makes a working path longer than the name itself, and the
 * start-up cleanup can tell the service's leftovers from anything else: it removes only book folders of a marked area.
 */
public final class WorkArea {

    /** The subfolder of WORKING_FOLDER the service works in. */
    public static final String FOLDER = "auto-m4b.work";
    /** The ownership file in {@link #FOLDER}. */
    public static final String OWNER = "OWNER";

    private static final String OWNER_HEADER = "auto-m4b working area: the service removes the b-* folders in here at start";
    private static final Pattern BOOK_FOLDER = Pattern.compile("b-[0-9a-f]{12}");

    private WorkArea() {
    }

    /** The service's area in {@code working}. */
    public static Path root(Path working) {
        return working.resolve(FOLDER);
    }

    /** The scratch folder name of the book with {@code key}: {@code b-} and the first 12 hex digits of its SHA-256. */
    public static String bookFolderName(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "b-" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** True for a name {@link #bookFolderName} can give. */
    public static boolean isBookFolderName(String name) {
        return BOOK_FOLDER.matcher(name).matches();
    }

    /** True when {@code area} is a real folder (not a link) holding the ownership file the service writes. */
    public static boolean isMarked(Path area) {
        Path owner = area.resolve(OWNER);
        if (!Files.isDirectory(area, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(owner, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            return Files.readString(owner, StandardCharsets.UTF_8).startsWith(OWNER_HEADER + "\n");
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    /**
     * Creates {@code area} and marks it as the service's, when it does not exist yet; returns false (and changes
     * nothing) when something already is at that path.
     */
    public static boolean create(Path area, long pid, String host, Instant now) throws IOException {
        if (Files.exists(area, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Files.createDirectories(area.getParent());
        Files.createDirectory(area);
        mark(area, pid, host, now);
        return true;
    }

    /** Writes the ownership file into the (empty) area: written aside, then renamed, so it is whole or absent. */
    public static void mark(Path area, long pid, String host, Instant now) throws IOException {
        String text = OWNER_HEADER + "\n"
            + "id=" + UUID.randomUUID() + "\n"
            + "created=" + now + "\n"
            + "by=PID " + pid + " on " + host + "\n";
        Path aside = area.resolve(OWNER + ".new");
        Files.writeString(aside, text, StandardCharsets.UTF_8);
        Files.move(aside, area.resolve(OWNER), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
