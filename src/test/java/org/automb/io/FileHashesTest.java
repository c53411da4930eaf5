package org.automb.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHashesTest {

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final FileHashes hashes = new FileHashes(pool);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void hashesEverySourceInOrder() throws Exception {
        Path b = Files.writeString(dir.resolve("02.mp3"), "second");
        Path a = Files.writeString(dir.resolve("01.mp3"), "first");
        hashes.warmUp();

        Map<Path, String> sums = Futures.awaitReading(hashes.sha256All(List.of(b, a)));

        assertThat(sums.keySet()).containsExactly(b, a);
        assertThat(sums).containsEntry(a, Sha256.of(a)).containsEntry(b, Sha256.of(b));
        assertThat(Futures.awaitReading(hashes.sha256(a))).isEqualTo(Sha256.of(a));
    }

    @Test
    void aFileThatCannotBeReadIsTheIoErrorItWas() {
        Path missing = dir.resolve("gone.mp3");

        assertThatThrownBy(() -> Futures.awaitReading(hashes.sha256All(List.of(missing))))
            .isInstanceOf(NoSuchFileException.class).hasMessageContaining("gone.mp3");
        assertThatThrownBy(() -> Futures.awaitReading(hashes.sha256(missing))).isInstanceOf(IOException.class);
    }
}
