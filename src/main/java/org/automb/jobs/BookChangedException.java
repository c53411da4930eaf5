package org.automb.jobs;

/** The book's files changed while it was converted: the output would be half old, so the book is read again. */
public class BookChangedException extends RuntimeException {

    public BookChangedException(String bookKey) {
        super("book '" + bookKey + "': its files changed during the conversion; it will be read again once they are stable");
    }
}
