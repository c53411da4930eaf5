package org.automb.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.BooleanSupplier;

/** SHA-256 of whole files, as {@code sha256sum} prints it (lower-case hex). */
public final class Sha256 {

    /** Read size: large enough that the system calls cost nothing next to the digest. */
    static final int CHUNK = 1 << 20;

    private Sha256() {
    }

    public static String of(Path file) throws IOException {
        return of(file, () -> false);
    }

    /** The digest of {@code file}, or null when {@code stop} turned true while it was being read. */
    static String of(Path file, BooleanSupplier stop) throws IOException {
        MessageDigest digest = newDigest();
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            while (in.read(buffer.clear()) > 0) {
                if (stop.getAsBoolean()) {
                    return null;
                }
                digest.update(buffer.array(), 0, buffer.position());
            }
        }
        return hex(digest);
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
