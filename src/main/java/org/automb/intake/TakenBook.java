package org.automb.intake;

/**
 * A book as the scan claimed it for a worker: its files, and their fingerprint at that moment. The worker's attempt
 * reads the book as it was listed then, so whatever differs from this fingerprint later (also while the book waited
 * in the queue for a free worker) is a change of the book.
 *
 * @param book        the book, as listed by the scan
 * @param fingerprint its files' state when it was claimed
 */
public record TakenBook(Book book, BookFingerprint fingerprint) {
}
