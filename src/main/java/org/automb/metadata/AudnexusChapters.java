package org.automb.metadata;

import java.util.List;

/**
 * A book's chapters as Audnexus gives them ({@code /books/{asin}/chapters}).
 *
 * @param accurate        Audnexus's {@code isAccurate}
 * @param runtimeLengthMs the length of Audible's edition, to compare with the book's own
 */
public record AudnexusChapters(String asin, List<Entry> chapters, boolean accurate, long runtimeLengthMs) {

    public AudnexusChapters {
        chapters = List.copyOf(chapters);
    }

    /** One chapter: its title, where it starts and how long it is, in milliseconds. */
    public record Entry(String title, long startOffsetMs, long lengthMs) { }
}
