package org.automb.deliver;

import java.util.Map;
import org.automb.intake.Book;

/**
 * Fields a plugin adds to a book's {@code intake.json} (docs/plugins.md, {@code direct:plugin-intake}): asked with the
 * manifest as it is about to be written, its answer goes under the manifest's {@value ManifestWriter#PLUGIN_FIELDS}
 * object, so a plugin never changes what the program itself records.
 */
@FunctionalInterface
public interface ManifestExtension {

    /** No plugin fields. */
    ManifestExtension NONE = (book, manifest) -> Map.of();

    /**
     * The fields to add (plain JSON values: strings, numbers, booleans, lists and maps), empty for none. Must not
     * throw: a plugin that fails is the extension's to record, never the book's failure.
     */
    Map<String, Object> fields(Book book, Map<String, Object> manifest);
}
