package org.automb.intake;

import java.nio.file.Path;

/**
 * Something the folder reader could not (or would not) read; the book that contains it is held back.
 *
 * @param path   the entry concerned
 * @param detail what went wrong, without the book key (for the log)
 * @param reason why the book is held back, in a few words for the {@code --once} summary
 *               ("a link inside leads outside the book")
 */
record ScanIssue(Path path, String detail, String reason) {

    static final String UNREADABLE = "a file or folder inside cannot be read";
    static final String LINK_OUTSIDE = "a link inside leads outside the book";
    static final String LINK_LOOP = "a link inside loops back into the book";
    static final String LINKED_FOLDER = "a linked folder inside is not followed";
    static final String BROKEN_LINK = "a link inside is broken";
}
