package org.automb.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Builds inbox folder trees of empty files for tests. */
final class InboxTree {

    private final Path inbox;

    InboxTree(Path inbox) {
        this.inbox = inbox;
    }

    /** Creates empty files (and their folders) at the given inbox-relative paths. */
    InboxTree files(String... relativePaths) {
        for (String relativePath : relativePaths) {
            Path file = inbox.resolve(relativePath);
            try {
                Files.createDirectories(file.getParent());
                Files.createFile(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    /** Creates (empty) folders at the given inbox-relative paths. */
    InboxTree folders(String... relativePaths) {
        for (String relativePath : relativePaths) {
            try {
                Files.createDirectories(inbox.resolve(relativePath));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    Path path(String relativePath) {
        return inbox.resolve(relativePath);
    }

    List<Path> paths(String... relativePaths) {
        return Arrays.stream(relativePaths).map(this::path).toList();
    }
}
