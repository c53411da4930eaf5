package org.automb.intake;

import java.nio.file.Path;
import java.util.List;

/**
 * What one look at the inbox found.
 *
 * @param books    the books, sorted by key
 * @param problems folders and files that did not become books, sorted by key
 * @param heldBack the folders that hold a book (or would) but are not converted until the user acts on them: a link
 *                 inside that leads out of the book or loops, an unreadable part, a folder that mixes books, two
 *                 entries with the same key; sorted by key, one per key
 */
public record InboxScan(List<Book> books, List<InboxProblem> problems, List<HeldBack> heldBack) {

    public InboxScan {
        books = List.copyOf(books);
        problems = List.copyOf(problems);
        heldBack = List.copyOf(heldBack);
    }

    public InboxScan(List<Book> books, List<InboxProblem> problems) {
        this(books, problems, List.of());
    }

    /**
     * Something in the inbox that did not become a book, told to the user.
     *
     * @param key     the key of the book (or would-be book) concerned; "" for the inbox itself
     * @param path    the file or folder at fault
     * @param message a complete sentence for the log, starting with the key
     * @param fatal   true when the folder will never become a book without the user rearranging it; false when
     *                it may sort itself out (still empty, still copying, permissions fixed later...)
     */
    public record InboxProblem(String key, Path path, String message, boolean fatal) {
    }

    /**
     * A book held back.
     *
     * @param key    the book's key
     * @param folder the book's folder (or the inbox entry)
     * @param reason why, in a few words ("a link inside leads outside the book")
     */
    public record HeldBack(String key, Path folder, String reason) {
    }
}
