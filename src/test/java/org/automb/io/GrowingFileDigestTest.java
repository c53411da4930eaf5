package org.automb.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output's checksum read behind its writer: the same digest as reading the finished file, whatever the pace. */
class GrowingFileDigestTest {

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final FileHashes hashes = new FileHashes(pool);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void digestsWhatTheWriterWroteInPiecesOfEverySize() throws Exception {
        Path file = dir.resolve("output.m4b");
        GrowingFileDigest digest = hashes.follow(file);
        Random random = new Random(7);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            // pieces smaller and larger than the reader's buffer, reported one by one or several at once
            int[] pieces = {1, 5000, Sha256.CHUNK + 17, 3, 2 * Sha256.CHUNK, 65536};
            for (int i = 0; i < pieces.length; i++) {
                byte[] bytes = new byte[pieces[i]];
                random.nextBytes(bytes);
                out.write(ByteBuffer.wrap(bytes));
                if (i % 2 == 1) {
                    digest.grewTo(out.position());
                }
            }
            digest.grewTo(out.position());
        }
        digest.complete();

        assertThat(digest.sha256().get(30, TimeUnit.SECONDS)).isEqualTo(Sha256.of(file));
    }

    @Test
    void aFileTheWriterNeverStartedIsTheEmptyDigest() throws Exception {
        GrowingFileDigest digest = hashes.follow(dir.resolve("never-written"));

        digest.complete();

        assertThat(digest.sha256().get(30, TimeUnit.SECONDS))
            .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void aWriterThatGivesUpCancelsTheDigest() throws Exception {
        Path file = dir.resolve("output.m4b");
        GrowingFileDigest digest = hashes.follow(file);
        write(file, 1000);
        digest.grewTo(1000);

        digest.abandon();

        assertThatThrownBy(() -> digest.sha256().join()).isInstanceOf(CancellationException.class);
    }

    @Test
    void aFileShorterThanItsWriterSaidIsAnError() throws Exception {
        Path file = dir.resolve("output.m4b");
        GrowingFileDigest digest = hashes.follow(file);
        write(file, 1000);

        digest.grewTo(2000);
        digest.complete();

        assertThatThrownBy(() -> digest.sha256().join()).isInstanceOf(CompletionException.class)
            .hasCauseInstanceOf(EOFException.class).hasMessageContaining("output.m4b");
    }

    private static void write(Path file, int bytes) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(new byte[bytes]));
        }
    }
}
