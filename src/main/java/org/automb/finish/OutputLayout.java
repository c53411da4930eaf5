package org.automb.finish;

import java.nio.file.Path;
import org.automb.config.Settings;
import org.automb.intake.Book;

/** Where a book's output, manifest and archived originals go. Keys come from the inbox's own folder names. */
public final class OutputLayout {

    private final Settings settings;

    public OutputLayout(Settings settings) {
        this.settings = settings;
    }

    public Path outputFolder(Book book) {
        return within(settings.converted(), book.key());
    }

    public Path outputFile(Book book) {
        return outputFolder(book).resolve(book.name() + ".m4b");
    }

    public Path archiveFolder(Book book) {
        return within(settings.archive(), book.key());
    }

    public Path backupFolder(Book book) {
        return within(settings.backup(), book.key());
    }

    /**
     * A per-book scratch folder in the service's working area, named from a hash of the key ({@link WorkArea}): odd
     * or long book names never leave the area nor lengthen a working path, and the start-up cleanup knows it as its own.
     */
    public Path workFolder(Book book) {
        return WorkArea.root(settings.working()).resolve(WorkArea.bookFolderName(book.key()));
    }

    /** Resolves a relative key under a base folder and refuses anything that would escape it. */
    static Path within(Path base, String key) {
        Path resolved = base.resolve(key).normalize();
        if (!resolved.startsWith(base.normalize()) || resolved.equals(base.normalize())) {
            throw new IllegalArgumentException("book key '" + key + "' does not name a folder inside " + base);
        }
        return resolved;
    }
}
