package org.automb.intake;

import java.nio.file.Path;

/**
 * Something the folder reader could not (or would not) read; the book that contains it is held back.
 *
 * @param path   the entry concerned
 * @param detail what went wrong, without the book key
 */
record ScanIssue(Path path, String detail) {
}
