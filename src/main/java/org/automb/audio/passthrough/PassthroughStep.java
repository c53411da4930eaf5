package org.automb.audio.passthrough;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.ExchangeProperty;
import org.automb.attempt.BookAttempt;
import org.automb.attempt.RouteKeys;
import org.automb.audio.AudioWriter;
import org.automb.audio.ShortSourceFinder;
import org.automb.failure.PermanentFailure;
import org.automb.failure.TransientFailure;
import org.automb.media.mp4.AudioEditList;
import org.automb.media.mp4.NotJoinableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A book that is already one .m4b: copied to the working folder as is (no re-encode) and validated like any output.
 * The user's file is delivered unchanged, but when its edit list has more than one entry that shows audio, the
 * book is delivered with a warning (log and intake.json): players built on GStreamer play only the first entry.
 */
public final class PassthroughStep implements AudioWriter {

    private static final Logger LOG = LoggerFactory.getLogger(PassthroughStep.class);

    /** Copies the book's one .m4b to the working folder as its output. */
    @Override
    public void write(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt run) {
        Path source = run.plan().sources().get(0).file();
        // kept as it is, the book is only checked by its header: a copy cut short must not pass for whole
        ShortSourceFinder.cutShort(run.plan().sources()).ifPresent(cut -> {
            throw new PermanentFailure(run.book().key(), cut.file(), cut.reason(), "");
        });
        warnIfCutShortByGstreamer(run, source);
        Path output = run.workDir().resolve("output.m4b");
        try {
            Files.copy(source, output, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new TransientFailure(run.book().key(), source, "cannot copy the m4b: " + e.getMessage(), e);
        }
        run.workingOutput(output);
        run.audioMillis(Math.round(run.plan().totalSeconds() * 1000));
    }

    /** Reads only the file's moov: an edit list of several entries with audio is what GStreamer cuts short. */
    static void warnIfCutShortByGstreamer(BookAttempt run, Path source) {
        Optional<AudioEditList> edits;
        try {
            edits = AudioEditList.read(source);
        } catch (NotJoinableException | IOException e) {
            // not a plain one-track MP4: nothing this check can say; ffprobe already read it
            LOG.debug("book '{}': edit list of '{}' not checked: {}", run.book().key(), source.getFileName(), e.getMessage());
            return;
        }
        if (edits.isPresent() && edits.get().cutShortByFirstEntryPlayers()) {
            AudioEditList list = edits.get();
            String warning = String.format(Locale.ROOT, "'%s' has an edit list of %d entries: players built on "
                + "GStreamer (Cozy, Rhythmbox, GNOME Music, Lollypop) play only the first, %.1f s of %.1f s; delivered "
                + "as it is", source.getFileName(), list.mediaEntries(), list.firstEntrySeconds(), list.allEntriesSeconds());
            run.warn(warning);
            LOG.warn("book '{}': {}", run.book().key(), warning);
        }
    }
}
