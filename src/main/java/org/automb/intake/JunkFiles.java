package org.automb.intake;

import java.util.Locale;
import java.util.Set;

/**
 * Names of files and folders that never belong to a book: operating-system litter (Finder, Windows Explorer,
 * Synology), hidden entries, and files that are still being downloaded.
 */
public final class JunkFiles {

    // compared lower-case; "Icon\r" is the classic macOS custom-folder-icon file
    private static final Set<String> JUNK_NAMES = Set.of(
            "__macosx", "thumbs.db", "ehthumbs.db", "desktop.ini", "@eadir", "icon\r");

    private static final Set<String> DOWNLOAD_SUFFIXES = Set.of(".part", ".crdownload", ".tmp");

    private JunkFiles() {
    }

    /**
     * True for OS litter and hidden entries ({@code .DS_Store}, AppleDouble {@code ._x.mp3}, {@code .Trashes},
     * {@code __MACOSX}, {@code Thumbs.db}, {@code desktop.ini}, {@code @eaDir}...). Folders with such names are
     * skipped with everything inside.
     */
    public static boolean isJunk(String name) {
        return name.startsWith(".") || JUNK_NAMES.contains(name.toLowerCase(Locale.ROOT));
    }

    /** True for files a browser or downloader is still writing ({@code .part}, {@code .crdownload}, {@code .tmp}). */
    public static boolean isPartialDownload(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return DOWNLOAD_SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    /** True when a file is neither audio nor extra for a book: junk or a download in progress. */
    public static boolean isIgnored(String name) {
        return isJunk(name) || isPartialDownload(name);
    }
}
