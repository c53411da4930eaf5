package org.automb.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.automb.io.Sha256;

/** SHA-256 of every regular file under a folder, by relative path: proves originals arrive or stay byte for byte. */
public final class FolderChecksums {

    private FolderChecksums() {
    }

    /** Empty for a folder that does not exist. */
    public static Map<String, String> of(Path folder) {
        Map<String, String> sums = new TreeMap<>();
        if (!Files.exists(folder)) {
            return sums;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                sums.put(folder.relativize(file).toString(), Sha256.of(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sums;
    }
}
