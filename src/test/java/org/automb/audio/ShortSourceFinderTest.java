package org.automb.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.automb.attempt.BookAttempt;
import org.automb.deliver.OutputValidator;
import org.automb.failure.PermanentFailure;
import org.automb.intake.Book;
import org.automb.media.AudioSource;
import org.automb.media.ffmpeg.ExecRunner;
import org.automb.media.libav.SampleCounter;
import org.automb.media.mp4.CutShort;
import org.automb.plan.BookTags;
import org.automb.plan.Chapter;
import org.automb.plan.CodecDecision;
import org.automb.plan.ConversionPlan;
import org.automb.plan.LibavProbe;
import org.automb.plan.SourceFixtures;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source at fault is found for an output of the wrong length: a faststart .m4a cut short (its moov still
 * announces the whole length) from its tables alone, an MP3 cut short by a decode; good files and files whose
 * duration libavformat only estimated are never blamed.
 */
class ShortSourceFinderTest {

    private static final TestAudio AUDIO = TestAudio.bundled();

    @TempDir
    Path dir;

    private final ShortSourceFinder finder = new ShortSourceFinder(Optional.of(new SampleCounter()));

    @Test
    void aFaststartM4aCutShortIsFoundFromItsTables() throws Exception {
        Path good = AUDIO.aacFaststart(dir.resolve("01.m4a"), 4.0, 22050, 1, Map.of());
        Path cut = TestAudio.truncate(AUDIO.aacFaststart(dir.resolve("02.m4a"), 10.0, 22050, 1, Map.of()), 0.5);
        AudioSource probedCut = SourceFixtures.probed(cut);
        assertThat(probedCut.durationSeconds()).as("the cut file still probes whole").isCloseTo(10.0, within(0.1));

        assertThat(CutShort.of(good)).isEmpty();
        CutShort found = CutShort.of(cut).orElseThrow();
        assertThat(found.declaredSeconds()).isCloseTo(10.0, within(0.1));
        assertThat(found.presentSeconds()).isBetween(3.0, 6.0);

        List<AudioSource> sources = List.of(SourceFixtures.probed(good), probedCut);
        assertThat(ShortSourceFinder.cutShort(sources)).map(ShortSourceFinder.ShortSource::file).contains(cut);
        ShortSourceFinder.ShortSource fault = finder.find(sources).orElseThrow();
        assertThat(fault.file()).isEqualTo(cut);
        assertThat(fault.reason()).contains("header says 10.0 s").contains("truncated");
    }

    @Test
    void anMp3CutShortIsFoundByDecodingIt() throws Exception {
        Path good = AUDIO.mp3(dir.resolve("01.mp3"), 2.0, Map.of());
        Path cut = AUDIO.mp3(dir.resolve("02.mp3"), 8.0, Map.of());
        AudioSource probedCut = SourceFixtures.probed(cut); // probed whole, cut afterwards: its header still says 8 s
        TestAudio.truncate(cut, 0.5);
        List<AudioSource> sources = List.of(SourceFixtures.probed(good), probedCut);

        assertThat(ShortSourceFinder.cutShort(sources)).as("not an MP4: no tables to read").isEmpty();
        ShortSourceFinder.ShortSource fault = finder.find(sources).orElseThrow();
        assertThat(fault.file()).isEqualTo(cut);
        assertThat(fault.reason()).contains("decodes to 4.").contains("header says 8.").contains("truncated");
    }

    @Test
    void goodFilesAndEstimatedDurationsAreNeverBlamed() throws Exception {
        AudioSource vbr = SourceFixtures.probed(AUDIO.mp3VbrWithoutXing(dir.resolve("01.mp3"), 6.0, 22050, 1, Map.of()));
        AudioSource adts = SourceFixtures.probed(AUDIO.adts(dir.resolve("02.aac"), 6.0, 22050, 1));
        AudioSource m4a = SourceFixtures.probed(AUDIO.aacFaststart(dir.resolve("03.m4a"), 3.0, 22050, 1, Map.of()));
        for (AudioSource estimated : List.of(vbr, adts)) {
            assertThat(estimated.durationEstimated()).as("%s: duration estimated", estimated.file()).isTrue();
            long decoded = new SampleCounter().count(estimated).samples();
            assertThat(Math.abs(estimated.durationSeconds() - decoded / 22050.0)).as("%s: the estimate is far off",
                estimated.file()).isGreaterThan(1.0);
        }
        assertThat(m4a.durationEstimated()).isFalse();

        assertThat(finder.find(List.of(vbr, adts, m4a))).isEmpty();
    }

    @Test
    void anOutputOfTheWrongLengthNamesTheSourceAtFault() throws Exception {
        Path good = AUDIO.mp3(dir.resolve("01.mp3"), 2.0, Map.of());
        Path cut = AUDIO.mp3(dir.resolve("02.mp3"), 8.0, Map.of());
        List<AudioSource> sources = List.of(SourceFixtures.probed(good), SourceFixtures.probed(cut));
        TestAudio.truncate(cut, 0.5);
        Path output = AUDIO.aac(dir.resolve("output.m4b"), 6.0, 22050, 1, Map.of());
        // libav reads the output back: no process to run
        OutputValidator validator = new OutputValidator(AUDIO.tools(), new ExecRunner(null), LibavProbe.load());

        BookAttempt run = runOf(sources, output, 10_000);
        assertThatThrownBy(() -> validator.validate(run)).isInstanceOfSatisfying(PermanentFailure.class, failure -> {
            assertThat(failure.file()).contains(cut);
            assertThat(failure.userMessage()).contains("file '02.mp3'").contains("truncated")
                .contains("the output lasts 6.0");
        });

        BookAttempt whole = runOf(List.of(SourceFixtures.probed(good)), output, 2_000);
        assertThatThrownBy(() -> validator.validate(whole)).isInstanceOfSatisfying(PermanentFailure.class, failure -> {
            assertThat(failure.file()).as("no source is to blame").isEmpty();
            assertThat(failure.getMessage()).contains("the audio was lost in the conversion");
        });
    }

    private BookAttempt runOf(List<AudioSource> sources, Path output, long audioMillis) {
        Book book = new Book("Book", "Book", dir, sources.stream().map(AudioSource::file).toList(), List.of(), false);
        BookAttempt run = new BookAttempt(book, dir.resolve("work"), Instant.now());
        run.plan(new ConversionPlan(book, sources, new CodecDecision(CodecDecision.Mode.ENCODE, "test"), 64, 22050, 1,
            List.of("Book"), Optional.empty(), new BookTags("Book", "Book", "", "", "", "", "", ""), Optional.empty()));
        run.workingOutput(output);
        run.audioMillis(audioMillis);
        run.chapters(List.of(new Chapter(0, audioMillis, "Book")));
        return run;
    }
}
