package org.automb.audio.ffmpeg;

import org.apache.camel.Message;
import org.apache.camel.component.exec.ExecResult;
import org.automb.attempt.BookAttempt;

/**
 * The ffmpeg run that writes a book's audio on one of the ffmpeg paths ({@link org.automb.plan.AudioPath#FFMPEG_CONCAT_COPY},
 * {@link org.automb.plan.AudioPath#FFMPEG_CONCAT_ENCODE}, {@link org.automb.plan.AudioPath#FFMPEG_PCM_FEED}); the path's route runs
 * {@code prepare}, {@code exec:ffmpeg}, {@code check}, then the mux pass.
 */
public interface FfmpegAudioPass {

    /** Sets camel-exec's command headers (and its stdin as the body) and records the pass in the attempt. */
    void prepare(BookAttempt attempt, Message message);

    /** Fails the book unless ffmpeg (and whatever fed it) succeeded; places the chapters where each source starts. */
    void check(BookAttempt attempt, ExecResult result);
}
