package org.automb.media.mp4;

/** A part the MP4 joiner cannot take as it is (raw ADTS, fragmented, another codec setup...); the message says why. */
public final class NotJoinableException extends Exception {

    public NotJoinableException(String reason) {
        super(reason);
    }
}
