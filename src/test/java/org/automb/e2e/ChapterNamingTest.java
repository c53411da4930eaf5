package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.testing.M4bInspector.M4bFacts;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * One chapter per source file, titled from its title tag, else from its cleaned-up file name; a chapters.txt in
 * the book folder replaces them.
 */
class ChapterNamingTest extends PipelineTestSupport {

    @Test
    void chaptersAreTitledFromTitleTagsElseFromCleanedFileNames() throws Exception {
        NotifyBuilder done = booksDone(2);
        drop("Tagged Book", folder -> {
            AUDIO.mp3(folder.resolve("01 - Opening.mp3"), 1.0, tags("title", "Opening = Scene; #1", "album", "Tagged Book"));
            AUDIO.mp3(folder.resolve("02_-_Second_Part.mp3"), 1.0, tags("album", "Tagged Book"));
            AUDIO.mp3(folder.resolve("Track 03 - Finale.mp3"), 1.0, tags("title", "Finale: Home Again", "album", "Tagged Book"));
        });
        // every file carries the book's name as its title: the tag names the book, not the chapter
        drop("Same Titles", folder -> {
            AUDIO.mp3(folder.resolve("1. Arrival.mp3"), 1.0, tags("title", "The Whole Book"));
            AUDIO.mp3(folder.resolve("2. Departure.mp3"), 1.0, tags("title", "The Whole Book"));
        });
        awaitBooks(done);

        M4bFacts tagged = INSPECT.inspect(converted().resolve("Tagged Book/Tagged Book.m4b"));
        assertThat(tagged.chapterTitles()).containsExactly("Opening = Scene; #1", "Second Part", "Finale: Home Again");
        assertThat(tagged.chapters().get(1).start()).isCloseTo(1.0, within(1024 / 22050.0));
        assertThat(tagged.chapters().get(2).start()).isCloseTo(2.0, within(1024 / 22050.0));

        M4bFacts same = INSPECT.inspect(converted().resolve("Same Titles/Same Titles.m4b"));
        assertThat(same.chapterTitles()).containsExactly("Arrival", "Departure");
        assertThat(same.tags()).containsEntry("title", "The Whole Book");
    }

    @Test
    void aChaptersFileInTheBookFolderOverridesTheChapters() throws Exception {
        NotifyBuilder done = booksDone(1);
        drop("Own Chapters", folder -> {
            AUDIO.mp3(folder.resolve("01.mp3"), 2.0, tags("title", "File One"));
            AUDIO.mp3(folder.resolve("02.mp3"), 2.0, tags("title", "File Two"));
            Files.writeString(folder.resolve("chapters.txt"), """
                # my own chapters
                00:00:00.000 Prologue
                00:00:01.250 The Storm
                00:00:02.500 Aftermath
                00:00:09.000 Beyond the End
                """);
        });
        awaitBooks(done);

        Path output = converted().resolve("Own Chapters/Own Chapters.m4b");
        M4bFacts facts = INSPECT.inspect(output);
        assertThat(facts.chapterTitles()).as("a mark past the end is dropped").containsExactly("Prologue", "The Storm", "Aftermath");
        assertThat(facts.chapters().get(0).start()).isZero();
        assertThat(facts.chapters().get(1).start()).isCloseTo(1.25, within(0.001));
        assertThat(facts.chapters().get(2).start()).isCloseTo(2.5, within(0.001));
        assertThat(facts.chapters().get(2).end()).as("the last chapter runs to the end").isCloseTo(4.0, within(1024 / 22050.0));
        assertThat(OutputChecks.manifest(output.getParent()).path("chapters")).hasSize(3);
    }
}
