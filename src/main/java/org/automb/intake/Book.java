package org.automb.intake;

import java.nio.file.Path;
import java.util.List;

/**
 * One audiobook found in the inbox.
 *
 * @param key        the book's path relative to the inbox, with '/' separators ("Series/01 - Title");
 *                   output goes to {@code CONVERTED_FOLDER/<key>/<name>.m4b}, originals to {@code ARCHIVE_FOLDER/<key>}
 * @param name       the output file's base name (no extension)
 * @param root       the folder (or, for a loose file in the inbox root, the file) that is archived/deleted as a whole
 * @param audioFiles the audio files in play order (discs in disc order, tracks in natural order)
 * @param extraFiles images, pdf, epub, txt, cue, nfo... that travel beside the output (absolute paths)
 * @param looseFile  true when the book is one audio file lying in the inbox root (with its same-stem companions)
 */
public record Book(String key, String name, Path root, List<Path> audioFiles, List<Path> extraFiles, boolean looseFile) {

    public Book {
        audioFiles = List.copyOf(audioFiles);
        extraFiles = List.copyOf(extraFiles);
    }

    /** Every file that belongs to the book: its audio, then its extra files, each once. */
    public List<Path> files() {
        java.util.LinkedHashSet<Path> files = new java.util.LinkedHashSet<>(audioFiles);
        files.addAll(extraFiles);
        return List.copyOf(files);
    }

    /** The folder that holds the book's files (the inbox root for a loose file). */
    public Path folder() {
        return looseFile ? root.getParent() : root;
    }
}
