package org.automb.status;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A job's id in URLs: base64url (no padding) of its key's UTF-8 bytes, so any key, slashes included, fits in one
 * path segment. An id is only ever turned back into a key to look it up in the job store, never into a path.
 */
public final class JobIds {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private JobIds() {
    }

    /** The id of the job with {@code key}. */
    public static String idOf(String key) {
        return ENCODER.encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key {@code id} stands for; empty when it is not base64url, not UTF-8, or not the one id of that key
     * (padding, other alphabets and stray bits would give a second spelling of the same key).
     */
    public static Optional<String> keyOf(String id) {
        if (id == null || id.isEmpty() || id.indexOf('=') >= 0) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String key;
        try {
            key = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        if (key.isEmpty() || !idOf(key).equals(id)) {
            return Optional.empty();
        }
        return Optional.of(key);
    }
}
