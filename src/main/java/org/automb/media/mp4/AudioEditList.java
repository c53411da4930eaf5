package org.automb.media.mp4;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A file's audio edit list as players read it. ffmpeg and Apple's players present every entry; GStreamer's
 * {@code qtdemux} (1.22, Debian 12: Cozy, Rhythmbox, GNOME Music, Lollypop) presents only the first one that shows
 * media and stops there, so a book with an entry per part plays only its first part.
 *
 * @param edits          the audio track's edit list
 * @param movieTimescale the units of the entries' durations, per second
 */
public record AudioEditList(EditList edits, long movieTimescale) {

    /**
     * The edit list of the file's only audio track; empty when it has none (the whole media is presented).
     *
     * @throws NotJoinableException when the file is no plain MP4 with one audio track
     */
    public static Optional<AudioEditList> read(Path file) throws IOException, NotJoinableException {
        Mp4File mp4 = Mp4File.read(file);
        List<Box> audio = mp4.tracks("soun");
        if (audio.size() != 1) {
            throw new NotJoinableException(audio.size() + " audio tracks");
        }
        long movieTimescale = HeaderTimes.timescale(mp4.moov().require("mvhd"));
        if (movieTimescale == 0) {
            throw new NotJoinableException("a movie timescale of 0");
        }
        Optional<Box> elst = audio.get(0).child("edts").flatMap(edts -> edts.child("elst"));
        if (elst.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AudioEditList(EditList.read(elst.get()), movieTimescale));
    }

    /** How many entries present media (empty edits, pauses, aside). */
    public int mediaEntries() {
        return (int) edits.edits().stream().filter(edit -> edit.mediaTime() >= 0).count();
    }

    /** Seconds of media every entry presents together: what ffmpeg and Apple's players play. */
    public double allEntriesSeconds() {
        return edits.edits().stream().filter(edit -> edit.mediaTime() >= 0)
            .mapToLong(EditList.Edit::segmentDuration).sum() / (double) movieTimescale;
    }

    /** Seconds of media the first entry presents: all that a player honouring only that entry (qtdemux) plays. */
    public double firstEntrySeconds() {
        return edits.edits().stream().filter(edit -> edit.mediaTime() >= 0).findFirst()
            .map(edit -> edit.segmentDuration() / (double) movieTimescale).orElse(0.0);
    }

    /** True when players that honour only the first entry stop before the end: more than one entry shows media. */
    public boolean cutShortByFirstEntryPlayers() {
        return mediaEntries() > 1;
    }
}
