package org.automb.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NameLimits: the longest name each destination file system takes, found by trying once. */
class NameLimitsTest {

    @TempDir
    Path tmp;

    /** Stands in for eCryptfs, whose names are at most 143 bytes, as the kernel refuses a longer one. */
    private static NameLimits.NameProbe refusingOver(int limit, AtomicInteger tries) {
        return file -> {
            tries.incrementAndGet();
            if (file.getFileName().toString().getBytes(StandardCharsets.UTF_8).length > limit) {
                throw new FileSystemException(file.toString(), null, "File name too long");
            }
        };
    }

    @Test
    void aLinuxFileSystemTakes255BytesAndTheTrialLeavesNothing() throws IOException {
        assertThat(new NameLimits().nameMax(tmp)).isEqualTo(255);
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aFileSystemWithShorterNamesIsFoundOutOnceAndRemembered() {
        AtomicInteger tries = new AtomicInteger();
        NameLimits limits = new NameLimits(refusingOver(143, tries));

        assertThat(limits.nameMax(tmp)).isEqualTo(143);
        int triesForTheFirst = tries.get();
        assertThat(limits.nameMax(tmp.resolve("."))).isEqualTo(143);
        assertThat(tries.get()).as("asked once per file system").isEqualTo(triesForTheFirst);
    }

    @Test
    void aFolderThatCannotBeTriedIsTakenAs255AndTriedAgainLater() {
        AtomicInteger tries = new AtomicInteger();
        NameLimits limits = new NameLimits(file -> {
            tries.incrementAndGet();
            throw new AccessDeniedException(file.toString());
        });

        assertThat(limits.nameMax(tmp)).isEqualTo(255);
        assertThat(limits.nameMax(tmp)).isEqualTo(255);
        assertThat(tries.get()).isEqualTo(2);
        assertThat(new NameLimits().nameMax(tmp.resolve("not-there"))).isEqualTo(255);
    }
}
