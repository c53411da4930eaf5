package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.reliability.FailureFixtures.checksums;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.DefaultRegistry;
import org.automb.io.NameLimits;
import org.automb.io.SafeMover;
import org.automb.jobs.store.JobState;
import org.automb.testing.LogCapture;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The archive folder is on another file system and the copy of the originals arrives damaged (a test hook flips a
 * byte of every copy made there, as bad RAM or a bad cable would): the SHA-256 check catches it before anything is
 * deleted. The output stays delivered, the originals stay in the inbox byte for byte, no copy is left in the archive,
 * and the user is told which file did not copy.
 */
class CorruptedArchiveCopyTest extends PipelineTestSupport {

    private static final String BOOK = "Author - Archived Book";
    private static Tmpfs archiveFs;

    @BeforeAll
    static void mountArchive() throws Exception {
        archiveFs = Tmpfs.mount(64);
    }

    @AfterAll
    static void unmount() throws Exception {
        if (archiveFs != null) {
            archiveFs.close();
        }
    }

    @Override
    protected Path archive() {
        return archiveFs.root().resolve("archive");
    }

    /** The service takes the mover bound as {@code safeMover}: this one damages every copy made in the archive. */
    @Override
    protected Registry createCamelRegistry() {
        Registry registry = new DefaultRegistry();
        registry.bind("safeMover", new SafeMover((source, target) -> {
            Files.copy(source, target);
            if (target.startsWith(archive())) {
                byte[] bytes = Files.readAllBytes(target);
                bytes[bytes.length / 2] ^= 0x01;
                Files.write(target, bytes);
            }
        }, new NameLimits()));
        return registry;
    }

    @Test
    void aDamagedArchiveCopyKeepsTheOriginalsInTheInbox() throws Exception {
        AtomicReference<Map<String, String>> originals = new AtomicReference<>();
        NotifyBuilder done = booksDone(1);
        List<String> errors;
        try (LogCapture log = LogCapture.start()) {
            drop(BOOK, folder -> {
                AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("title", "One"));
                AUDIO.mp3(folder.resolve("CD 2/02.mp3"), 1.0, tags("title", "Two"));
                Files.writeString(folder.resolve("notes.txt"), "notes");
                originals.set(checksums(folder));
            });
            awaitBooks(done);
            errors = log.errors();
        }

        Path output = converted().resolve(BOOK).resolve(BOOK + ".m4b");
        assertThat(INSPECT.inspect(output).durationSeconds()).as("the output stays delivered")
            .isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(converted().resolve(BOOK).resolve("notes.txt")).hasContent("notes");
        assertThat(ledger().status(BOOK)).isEqualTo(JobState.DONE);

        assertThat(checksums(inbox().resolve(BOOK))).as("the originals, untouched in the inbox").isEqualTo(originals.get());
        try (Stream<Path> left = Files.walk(archive())) {
            assertThat(left.filter(p -> !p.equals(archive())).toList()).as("no copy, whole or half, in the archive").isEmpty();
        }
        assertThat(errors).as("the user is told which file did not copy")
            .anyMatch(m -> m.contains("could not be archived") && m.contains(inbox().resolve(BOOK).toString())
                && m.contains("differs from the original"));
    }
}
