package org.automb.audio.libav;

/** What a book is encoded to: native AAC-LC at this rate, channel count and bit rate. */
public record AacTarget(int sampleRate, int channels, int bitrateKbps) {
}
