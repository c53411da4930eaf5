package org.automb.deliver;

/**
 * A name too long for its destination's file system, and the name it was written under there.
 *
 * @param folder   which folder it was written in ({@code converted}, {@code archive}, {@code backup}, {@code failed})
 * @param original the name as it was in the inbox (a folder of the book's key, the book's name, an extra file)
 * @param written  the shortened name (see {@link org.automb.io.FileNames})
 */
public record ShortenedName(String folder, String original, String written) {
}
