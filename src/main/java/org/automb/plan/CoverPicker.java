package org.automb.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.automb.media.AudioSource;

/**
 * Chooses the book's cover: the picture embedded in the first source, else the most cover-like image file
 * beside the audio.
 *
 * <p>Image files are ranked by name ({@code cover.*}, then {@code folder.*}, then any), then format (jpg/png,
 * which mp4 stores natively, before webp/bmp/gif), then size (largest first). Files under 7 KiB are ignored:
 * they are thumbnails or placeholders.
 */
public class CoverPicker {

    /**
     * Where the book's cover comes from.
     *
     * @param file        an audio source holding an embedded picture, or an image file
     * @param streamIndex the picture's stream index in {@code file}, or -1 when {@code file} is an image file
     */
    public record CoverChoice(Path file, int streamIndex) {

        /** Whether the cover is a picture stream inside an audio file. */
        public boolean embedded() {
            return streamIndex >= 0;
        }
    }

    /** Smaller image files are thumbnails, not covers. */
    public static final long MIN_IMAGE_BYTES = 7168;

    private static final Set<String> PREFERRED_EXTENSIONS = Set.of("jpg", "jpeg", "png");
    private static final Set<String> OTHER_EXTENSIONS = Set.of("webp", "bmp", "gif");

    private record Candidate(Path file, long size, int nameRank, int formatRank) {
    }

    private static final Comparator<Candidate> BEST_FIRST = Comparator.comparingInt(Candidate::nameRank)
            .thenComparingInt(Candidate::formatRank)
            .thenComparing(Comparator.comparingLong(Candidate::size).reversed())
            .thenComparing(candidate -> candidate.file().toString());

    /**
     * Picks the cover.
     *
     * @param sources    the book's audio in play order
     * @param extraFiles the book's other files; non-images among them are ignored
     */
    public Optional<CoverChoice> pick(List<AudioSource> sources, List<Path> extraFiles) {
        if (!sources.isEmpty() && sources.get(0).hasCover()) {
            return Optional.of(new CoverChoice(sources.get(0).file(), sources.get(0).coverStreamIndex()));
        }
        return extraFiles.stream()
                .filter(CoverPicker::isImage)
                .flatMap(file -> candidate(file).stream())
                .filter(candidate -> candidate.size() >= MIN_IMAGE_BYTES)
                .min(BEST_FIRST)
                .map(candidate -> new CoverChoice(candidate.file(), -1));
    }

    private static Optional<Candidate> candidate(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Candidate(file, Files.size(file), nameRank(file), formatRank(file)));
        } catch (IOException e) {
            return Optional.empty(); // vanished or unreadable: not a usable cover
        }
    }

    private static boolean isImage(Path file) {
        String extension = extension(file);
        return PREFERRED_EXTENSIONS.contains(extension) || OTHER_EXTENSIONS.contains(extension);
    }

    private static int nameRank(Path file) {
        return switch (stem(file)) {
            case "cover" -> 0;
            case "folder" -> 1;
            default -> 2;
        };
    }

    private static int formatRank(Path file) {
        return PREFERRED_EXTENSIONS.contains(extension(file)) ? 0 : 1;
    }

    private static String stem(Path file) {
        String name = lowerName(file);
        int dot = name.lastIndexOf('.');
        return (dot < 0 ? name : name.substring(0, dot)).strip();
    }

    private static String extension(Path file) {
        String name = lowerName(file);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    private static String lowerName(Path file) {
        Path name = file.getFileName();
        return name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    }
}
