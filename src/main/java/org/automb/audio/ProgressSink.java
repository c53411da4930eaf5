package org.automb.audio;

/**
 * Where a book's progress goes besides the log: the job store, for the page and the API. Called on the progress
 * ticker's thread; an implementation that throws is logged and the audio pass goes on.
 */
public interface ProgressSink {

    /**
     * @param stage       what runs: {@code encoding}, {@code joining}...
     * @param percent     0..100 of the book's duration written
     * @param speed       seconds of audio written per second, null before it is known
     * @param secondsLeft at this speed, null before it is known
     */
    void progress(String bookKey, String stage, double percent, Double speed, Double secondsLeft);

    /** The pass ended (done, failed or cancelled): its progress is no longer current. */
    void ended(String bookKey);
}
