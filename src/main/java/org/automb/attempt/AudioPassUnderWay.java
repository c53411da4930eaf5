package org.automb.attempt;

/**
 * What an audio path's prepare step leaves in the attempt for its check step, while a process writes the audio
 * (the ffmpeg paths' {@code FfmpegPass}). The paths sit above the attempt, so the attempt knows it only by this name.
 */
public interface AudioPassUnderWay {
}
