package org.automb.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.automb.intake.BookFingerprint;

/**
 * The books the converted folder already holds, read back from the {@code intake.json} that {@link ManifestWriter}
 * writes beside each output: which inbox key each came from, the content hash of the sources it was made from
 * (the same hash the scanner computes, from each source's relative path and size), and the output itself. What a job
 * store begun afresh needs so that delivered books are neither converted nor skipped again.
 */
public final class DeliveredBooks {

    /** The manifest's file name. */
    public static final String MANIFEST = "intake.json";

    /**
     * One delivered book.
     *
     * @param key         the book's inbox key
     * @param contentHash what {@link BookFingerprint#contentHash()} gives for the sources it was made from
     * @param output      the .m4b beside the manifest
     */
    public record Delivered(String key, String contentHash, Path output) {
    }

    private final ObjectMapper json = new ObjectMapper();

    /**
     * Every book under {@code converted} whose manifest can be read and whose output is still beside it; manifests
     * that cannot be read are passed over (such a book, dropped again, is converted again: nothing is lost).
     */
    public List<Delivered> under(Path converted) throws IOException {
        if (!Files.isDirectory(converted)) {
            return List.of();
        }
        List<Path> manifests;
        try (Stream<Path> files = Files.walk(converted)) {
            manifests = files.filter(f -> f.getFileName().toString().equals(MANIFEST) && Files.isRegularFile(f)).sorted().toList();
        }
        List<Delivered> delivered = new ArrayList<>();
        for (Path manifest : manifests) {
            read(manifest).ifPresent(delivered::add);
        }
        return delivered;
    }

    /** The book one manifest describes, when it names a key, its sources and an output that exists beside it. */
    public Optional<Delivered> read(Path manifest) {
        try {
            JsonNode root = json.readTree(manifest.toFile());
            String key = root.path("book").path("key").asText("");
            String outputPath = root.path("output").path("path").asText("");
            JsonNode sources = root.path("sources");
            if (key.isEmpty() || outputPath.isEmpty() || !sources.isArray() || sources.isEmpty()) {
                return Optional.empty();
            }
            // the output as it lies now, beside its manifest (the converted folder may have moved since)
            Path output = manifest.resolveSibling(Path.of(outputPath).getFileName().toString());
            if (!Files.isRegularFile(output)) {
                return Optional.empty();
            }
            List<BookFingerprint.FileState> files = new ArrayList<>();
            for (JsonNode source : sources) {
                String file = source.path("file").asText("");
                long size = source.path("sizeBytes").asLong(-1);
                if (file.isEmpty() || size < 0) {
                    return Optional.empty();
                }
                files.add(new BookFingerprint.FileState(file, size, 0, true));
            }
            return Optional.of(new Delivered(key, new BookFingerprint(files).contentHash(), output));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
