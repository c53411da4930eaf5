package org.automb.e2e;

import java.nio.file.Path;
import java.util.List;
import org.automb.testing.M4bInspector;
import org.automb.testing.M4bInspector.ChapterFact;
import org.automb.testing.PlayerCheck;

/** A delivered book checked as ffmpeg and GStreamer play it, against its sources played alone. */
final class PlayedBooks {

    private static final PlayerCheck PLAYERS = new PlayerCheck(OutputChecks.TOOLS);
    private static final M4bInspector INSPECT = new M4bInspector(OutputChecks.TOOLS);

    private PlayedBooks() {
    }

    /** Each source decoded alone at the book's rate; must run before the sources are archived or moved. */
    static List<short[]> sourcesAlone(List<Path> sources, int rate) {
        return PLAYERS.sourcesAlone(sources, rate);
    }

    /** Asserts both players play {@code book} to the end, its chapters on the sources' true starts. */
    static PlayerCheck.Played assertPlaysCompletely(Path book, List<short[]> sources, int rate) {
        M4bInspector.M4bFacts facts = INSPECT.inspect(book);
        List<Double> marks = facts.chapters().stream().map(ChapterFact::start).toList();
        if (marks.isEmpty()) {
            marks = List.of(0.0); // a book of one file may carry no chapter: its one source starts at 0
        }
        org.assertj.core.api.Assertions.assertThat(marks).as("one chapter per source").hasSize(sources.size());
        org.assertj.core.api.Assertions.assertThat(facts.sampleRate()).isEqualTo(rate);
        return PLAYERS.assertPlaysCompletely(book, sources, marks, rate);
    }
}
