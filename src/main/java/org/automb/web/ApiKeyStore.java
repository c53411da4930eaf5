package org.automb.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * The API key that scripts send as {@code X-Api-Key} (or {@code ?apikey=}): API_KEY when set, else the key kept in
 * {@code CONFIG_FOLDER/api-key}, generated at the first start (32 random bytes, base64url, file mode 0600 where the
 * file system has POSIX permissions). The key itself never leaves this class but through {@link #matches} and
 * {@link #secret()} (for the password check). A generated key is printed once, in the line that says it was made
 * (so that a user of {@code docker logs} can copy it, as the issue asks); it is never logged again, and a key given
 * as API_KEY never.
 */
public final class ApiKeyStore {

    /** The file under CONFIG_FOLDER that holds a generated key. */
    public static final String FILE_NAME = "api-key";

    private final byte[] keyDigest;
    private final String key;
    private final String source;

    private ApiKeyStore(String key, String source) {
        this.key = key;
        this.keyDigest = sha256(key);
        this.source = source;
    }

    /**
     * The configured key, or the kept one, or a new one written to {@code configFolder/api-key}.
     *
     * @param configured API_KEY ({@code ""} = use or generate the kept key)
     * @param notice     told once, with a line giving the new key and naming the file, when a key was generated
     * @throws UncheckedIOException naming the file when it cannot be read or written
     */
    public static ApiKeyStore load(String configured, Path configFolder, Consumer<String> notice) {
        if (!configured.isEmpty()) {
            return new ApiKeyStore(configured, "API_KEY");
        }
        Path file = configFolder.resolve(FILE_NAME);
        try {
            if (Files.isRegularFile(file)) {
                return new ApiKeyStore(read(file), file.toString());
            }
            String generated = generate();
            write(file, generated);
            // the one time the key is printed: at its creation, so it can be copied from the log
            notice.accept("generated the API key " + generated + " and kept it in " + file
                + " (readable by this user only; this line is the only time it is printed); scripts send it as the"
                + " X-Api-Key header, and it is the login page's password while AUTH_PASSWORD is empty");
            return new ApiKeyStore(generated, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("CONFIG_FOLDER=" + configFolder + ": cannot read or create the API key file "
                + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code candidate} is the key; takes the same time wherever the two differ. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(keyDigest, sha256(candidate));
    }

    /** Where the key comes from: {@code API_KEY} or the file's path (for messages; never the key). */
    public String source() {
        return source;
    }

    /** The key, for the password check only (the login page takes it as the password when AUTH_PASSWORD is empty). */
    String secret() {
        return key;
    }

    private static String read(Path file) throws IOException {
        String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (kept.isEmpty()) {
            throw new IOException("the file is empty; delete it to have a new key generated, or set API_KEY");
        }
        return kept;
    }

    private static String generate() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Created with its final permissions, so the key is never readable by others, not even for a moment. */
    private static void write(Path file, String key) throws IOException {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] ownerOnly = posix
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
            : new FileAttribute<?>[0];
        Path temporary = file.resolveSibling(FILE_NAME + ".new");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, ownerOnly);
        Files.writeString(temporary, key + "\n", StandardCharsets.UTF_8);
        // atomic: a start killed half-way leaves either no key file or a whole one
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "ApiKeyStore[source=" + source + "]";
    }
}
