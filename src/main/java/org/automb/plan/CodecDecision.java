package org.automb.plan;

/**
 * How a book's audio is produced, and a short sentence saying why (for the log and the report);
 * {@link CodecDecider} makes the decision.
 *
 * @param mode   what to do with the audio
 * @param reason a human sentence, e.g. "all 12 parts are AAC LC 44100 Hz stereo: joined without re-encoding"
 */
public record CodecDecision(Mode mode, String reason) {

    /** The ways a book can be produced, cheapest first. */
    public enum Mode {
        /** The single source already is an AAC .m4b: its audio is kept untouched. */
        PASSTHROUGH,
        /** All sources are compatible AAC: their packets are joined without decoding. */
        STREAM_COPY,
        /** Anything else: decode and encode to AAC. */
        ENCODE
    }
}
