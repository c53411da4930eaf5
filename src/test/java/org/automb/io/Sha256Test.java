package org.automb.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {

    @TempDir
    Path dir;

    @Test
    void isTheStandardDigest() throws IOException {
        Path file = Files.writeString(dir.resolve("abc.txt"), "abc");

        assertThat(Sha256.of(file)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void anEmptyFileHasTheEmptyDigest() throws IOException {
        Path file = Files.createFile(dir.resolve("empty"));

        assertThat(Sha256.of(file)).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void stopsBetweenReadsWhenAskedTo() throws IOException {
        Path file = Files.write(dir.resolve("big"), new byte[3 * Sha256.CHUNK]);
        AtomicInteger reads = new AtomicInteger();

        assertThat(Sha256.of(file, () -> reads.incrementAndGet() > 1)).isNull();
        assertThat(reads).hasValue(2);
    }
}
