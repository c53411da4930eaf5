package org.automb.audio;

import org.automb.attempt.BookAttempt;

/**
 * Writes a book's audio in the JVM on one {@link org.automb.plan.AudioPath} (a step of that path's route). The ffmpeg paths are
 * {@link org.automb.audio.ffmpeg.FfmpegAudioPass}es instead: prepared, run by {@code exec:ffmpeg}, checked.
 */
public interface AudioWriter {

    /** Writes the attempt's audio into its working folder and records what it wrote in the attempt. */
    void write(BookAttempt attempt);
}
