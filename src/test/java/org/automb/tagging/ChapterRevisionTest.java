package org.automb.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.automb.media.LoudnessEnvelope;
import org.automb.media.libav.LoudnessReader;
import org.automb.metadata.AudnexusChapters;
import org.automb.plan.Chapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChapterRevisionTest {

    private static final long MIN = 60_000;
    private static final List<Chapter> OWN = List.of(new Chapter(0, 40 * MIN, "Part 1"), new Chapter(40 * MIN, 50 * MIN, "Part 2"));
    private static final Optional<AudnexusChapters> TWO_CHAPTERS = Optional.of(new AudnexusChapters("B0X",
        List.of(new AudnexusChapters.Entry("Anfang", 0, 15 * MIN), new AudnexusChapters.Entry("Ende", 15 * MIN, 35 * MIN)),
        true, 50 * MIN));

    @TempDir
    Path dir;

    private static LoudnessEnvelope pauseAt(long millis) {
        float[] levels = new float[(int) (50 * MIN / 100)];
        Arrays.fill(levels, -20f);
        for (long t = millis; t < millis + 2000; t += 100) {
            levels[(int) (t / 100)] = -90f;
        }
        return new LoudnessEnvelope(100, 0, levels);
    }

    private ChapterRevision revision(AudnexusChapterRule.Mode mode) {
        return new ChapterRevision(new AudnexusChapterRule(mode), new ChapterSplitter(ChapterSplitter.Limits.parse("15,30")),
            new LoudnessReader());
    }

    @Test
    void audiblesTimesAreNotSplit() {
        ChapterRevision.Result result = revision(AudnexusChapterRule.Mode.AUTO).revise(OWN, dir.resolve("none.m4b"), 50 * MIN,
            Optional.of(pauseAt(20 * MIN)), TWO_CHAPTERS);
        assertThat(result.chapters()).extracting(Chapter::title).containsExactly("Anfang", "Ende");
        assertThat(result.chapters().get(1).endMillis() - result.chapters().get(1).startMillis())
            .as("35 minutes, yet Audible's own chapter: not split").isEqualTo(35 * MIN);
        assertThat(result.changed()).isTrue();
    }

    @Test
    void titlesAreTakenThenLongChaptersSplitWithTheMeasuredLoudness() {
        ChapterRevision.Result result = revision(AudnexusChapterRule.Mode.TITLES).revise(OWN, dir.resolve("none.m4b"), 50 * MIN,
            Optional.of(pauseAt(20 * MIN)), TWO_CHAPTERS);
        assertThat(result.chapters()).containsExactly(new Chapter(0, 20 * MIN + 1000, "Anfang"),
            new Chapter(20 * MIN + 1000, 40 * MIN, "Anfang (2)"), new Chapter(40 * MIN, 50 * MIN, "Ende"));
        assertThat(result.reason()).contains("titles only").contains("1 chapter(s) added").contains("measured while encoding");
    }

    @Test
    void anUnreadableM4bLeavesLongChaptersWhole() {
        ChapterRevision.Result result = revision(AudnexusChapterRule.Mode.OFF).revise(OWN, dir.resolve("missing.m4b"), 50 * MIN,
            Optional.empty(), Optional.empty());
        assertThat(result.chapters()).isEqualTo(OWN);
        assertThat(result.changed()).isFalse();
        assertThat(result.reason()).contains("long chapters left whole").contains("missing.m4b");
    }

    @Test
    void nothingToDoIsNoChange() {
        List<Chapter> short1 = List.of(new Chapter(0, 10 * MIN, "A"));
        ChapterRevision.Result result = revision(AudnexusChapterRule.Mode.AUTO).revise(short1, dir.resolve("x.m4b"), 10 * MIN,
            Optional.empty(), Optional.empty());
        assertThat(result.changed()).isFalse();
        assertThat(result.chapters()).isEqualTo(short1);
    }
}
