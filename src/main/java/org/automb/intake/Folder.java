package org.automb.intake;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One folder of the inbox as read from disk, junk already removed.
 *
 * @param path       the folder
 * @param audio      audio files directly inside, in natural order
 * @param extras     extra files (images, pdf, cue...) directly inside, in natural order
 * @param subfolders sub-folders, in natural order
 * @param issues     entries of this folder that could not be read or were not followed
 */
record Folder(Path path, List<Path> audio, List<Path> extras, List<Folder> subfolders, List<ScanIssue> issues) {

    Folder {
        audio = List.copyOf(audio);
        extras = List.copyOf(extras);
        subfolders = List.copyOf(subfolders);
        issues = List.copyOf(issues);
    }

    String name() {
        return RelativePaths.nameOf(path);
    }

    /** True when this folder or any folder below it holds audio. */
    boolean hasAudio() {
        return !audio.isEmpty() || subfolders.stream().anyMatch(Folder::hasAudio);
    }

    /** This folder and every folder below it. */
    Stream<Folder> selfAndDescendants() {
        return Stream.concat(Stream.of(this), subfolders.stream().flatMap(Folder::selfAndDescendants));
    }

    Stream<Path> allAudio() {
        return selfAndDescendants().flatMap(folder -> folder.audio().stream());
    }

    Stream<Path> allExtras() {
        return selfAndDescendants().flatMap(folder -> folder.extras().stream());
    }

    Stream<ScanIssue> allIssues() {
        return selfAndDescendants().flatMap(folder -> folder.issues().stream());
    }
}
