package org.automb.intake;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Relative paths written with '/' whatever the platform, as used in book keys and fingerprints. */
final class RelativePaths {

    private RelativePaths() {
    }

    /** {@code path} relative to {@code base}, elements joined with '/'. */
    static String of(Path base, Path path) {
        List<String> names = new ArrayList<>();
        base.relativize(path).forEach(name -> names.add(name.toString()));
        return String.join("/", names);
    }

    /** The last element of a path as a string. */
    static String nameOf(Path path) {
        Path name = path.getFileName();
        return name == null ? path.toString() : name.toString();
    }

    /** A file name without its last extension ({@code "Book.Part 1.mp3"} gives {@code "Book.Part 1"}). */
    static String stemOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /** The last extension of a file name, without the dot and as written, or "" when there is none. */
    static String extensionOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(dot + 1) : "";
    }
}
