package org.automb.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Names that fit a file system's limit on one name, counted in bytes of UTF-8 as Linux counts them (255 on ext4,
 * xfs, btrfs, tmpfs; 143 on eCryptfs). A name that fits is kept as it is; a longer one is cut at a character
 * boundary and followed by {@code ~} and 8 hex digits of its SHA-256, so the same name is always shortened the same
 * way and two long names that start alike stay apart.
 */
public final class FileNames {

    /** The longest name most Linux file systems take, in bytes. */
    public static final int NAME_MAX = 255;
    private static final int HASH_CHARS = 8;
    /** What the shortest shortened name needs: one character of the name, "~" and the hash. */
    private static final int MIN_STEM = 1 + 1 + HASH_CHARS;
    /** An extension worth keeping: a dot and a few letters or digits ({@code .m4b}, {@code .jpeg}, {@code .json}). */
    private static final Pattern EXTENSION = Pattern.compile("\\.[\\p{Alnum}]{1,10}$");

    private FileNames() {
    }

    public static int utf8Length(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }

    /** A folder name within {@code maxBytes}: kept whole when it fits, else shortened (no extension is kept). */
    public static String fitFolder(String name, int maxBytes) {
        return shorten(name, "", maxBytes);
    }

    /** A file name within {@code maxBytes}: kept whole when it fits, else shortened before its extension. */
    public static String fitFile(String name, int maxBytes) {
        var extension = EXTENSION.matcher(name);
        if (!extension.find() || extension.start() == 0) {
            return shorten(name, "", maxBytes);
        }
        return shorten(name.substring(0, extension.start()), extension.group(), maxBytes);
    }

    /**
     * {@code name + suffix} within {@code maxBytes}, shortening only the name: the failed folder's
     * {@code <book name>_<time>} keeps its time whole.
     */
    public static String fitWithSuffix(String name, String suffix, int maxBytes) {
        return shorten(name, suffix, maxBytes);
    }

    /** True when the file system refused a name (or a path) as too long: ENAMETOOLONG. */
    public static boolean isNameTooLong(IOException e) {
        return e instanceof FileSystemException fs && fs.getReason() != null
            && fs.getReason().toLowerCase(java.util.Locale.ROOT).contains("file name too long");
    }

    /** {@code stem + tail}, with the stem cut and marked by its hash when the whole is over {@code maxBytes}. */
    private static String shorten(String stem, String tail, int maxBytes) {
        if (utf8Length(stem) + utf8Length(tail) <= maxBytes) {
            return stem + tail;
        }
        String mark = "~" + hash(stem + tail);
        int room = Math.max(maxBytes - utf8Length(tail) - utf8Length(mark), MIN_STEM - mark.length());
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < stem.length(); ) {
            int codePoint = stem.codePointAt(i);
            int bytes = utf8Length(new String(Character.toChars(codePoint)));
            if (used + bytes > room) {
                break;
            }
            kept.appendCodePoint(codePoint);
            used += bytes;
            i += Character.charCount(codePoint);
        }
        return kept.toString().stripTrailing() + mark + tail;
    }

    private static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
