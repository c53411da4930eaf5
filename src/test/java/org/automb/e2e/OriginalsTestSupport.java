package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.automb.testing.M4bInspector.M4bFacts;
import org.automb.testing.PipelineTestSupport;

/** Drops books while remembering the checksums of their originals, to check later where they went and that they are whole. */
abstract class OriginalsTestSupport extends PipelineTestSupport {

    /** The checksums of one book's originals as dropped: paths relative to its folder, or the loose file's name. */
    record Original(boolean loose, Map<String, String> sums) {
    }

    /** Book key → its originals as dropped. */
    protected final Map<String, Original> originals = new LinkedHashMap<>();

    protected Path dropBook(String key, FolderFiller filler) {
        return dropBook(key, filler, folder -> { });
    }

    /** Drops a book; {@code afterChecksums} changes it in staging once its checksums are taken (permissions). */
    protected Path dropBook(String key, FolderFiller filler, FolderFiller afterChecksums) {
        return drop(key, folder -> {
            filler.fill(folder);
            originals.put(key, new Original(false, Checksums.of(folder)));
            afterChecksums.fill(folder);
        });
    }

    /** Drops a series folder whose sub-folders are books of their own, keyed {@code series/member}. */
    protected Path dropSeries(String series, Map<String, FolderFiller> members) {
        return drop(series, folder -> {
            for (Map.Entry<String, FolderFiller> member : members.entrySet()) {
                java.nio.file.Files.createDirectories(folder.resolve(member.getKey()));
                member.getValue().fill(folder.resolve(member.getKey()));
                originals.put(series + "/" + member.getKey(), new Original(false, Checksums.of(folder.resolve(member.getKey()))));
            }
        });
    }

    /** Drops one audio file into the inbox root: a book keyed by the file's stem. */
    protected Path dropLoose(String fileName, FileMaker maker) {
        return dropFile(fileName, file -> {
            maker.make(file);
            originals.put(stem(fileName), new Original(true, Checksums.ofFiles(file.getParent(), fileName)));
        });
    }

    protected static String stem(String fileName) {
        return fileName.substring(0, fileName.lastIndexOf('.'));
    }

    protected Path outputOf(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return converted().resolve(key).resolve(name + ".m4b");
    }

    /** The book's output is in place: AAC audio of about {@code seconds}. */
    protected M4bFacts assertOutput(String key, double seconds) {
        Path output = outputOf(key);
        assertThat(output).as("output of '%s'", key).isRegularFile();
        M4bFacts facts = INSPECT.inspect(output);
        assertThat(facts.codec()).isEqualTo("aac");
        assertThat(facts.durationSeconds()).as("duration of '%s'", key).isCloseTo(seconds, org.assertj.core.api.Assertions.within(0.1));
        return facts;
    }

    /** The book's originals are in {@code folder} (the folder itself, or for a loose book, the folder holding the file) byte for byte. */
    protected void assertOriginalsIn(String key, Path folder) {
        Original original = originals.get(key);
        Map<String, String> now = original.loose()
            ? Checksums.ofFiles(folder, original.sums().keySet().toArray(String[]::new))
            : Checksums.of(folder);
        assertThat(now).as("originals of '%s' in %s", key, folder).isEqualTo(original.sums());
    }
}
