package org.automb.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.automb.io.Sha256;

/** SHA-256 of every file under a folder, by relative path: to prove originals arrive or stay byte for byte. */
final class Checksums {

    private Checksums() {
    }

    static Map<String, String> of(Path folder) {
        return org.automb.testing.FolderChecksums.of(folder);
    }

    /** Checksums of the named files in {@code folder} (missing ones left out). */
    static Map<String, String> ofFiles(Path folder, String... names) {
        Map<String, String> sums = new TreeMap<>();
        for (String name : names) {
            Path file = folder.resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    sums.put(name, Sha256.of(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return sums;
    }
}
