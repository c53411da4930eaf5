package org.automb.audio;

import java.time.Duration;

/** How long ffmpeg may work on a book before it is killed: the book's duration times a factor, never under a floor. */
public record ConvertTimeout(double factor, Duration floor) {

    public Duration forAudio(double audioSeconds) {
        Duration proportional = Duration.ofMillis(Math.round(audioSeconds * factor * 1000));
        return proportional.compareTo(floor) < 0 ? floor : proportional;
    }
}
