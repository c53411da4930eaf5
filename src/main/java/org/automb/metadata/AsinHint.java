package org.automb.metadata;

import java.util.Locale;

/**
 * An ASIN found for a book, and where: recorded in {@code intake.json} so the user sees why a product was chosen.
 *
 * @param where the folder, file or tag name it was read from
 */
public record AsinHint(String asin, Source source, String where) {

    /** Where an ASIN can come from, in the order {@link AsinHints} looks. */
    public enum Source {
        /** Given by the user ({@code --asin}). */
        USER,
        /** {@code [B0...]} or {@code {ASIN.B0...}} in the book folder's name. */
        FOLDER_NAME,
        /** The same markers in the name of a file in the book folder. */
        FILE_NAME,
        /** An {@code ASIN} or {@code AUDIBLE_ASIN} tag of a source file. */
        TAG,
        /** {@code asin.txt} in the book folder. */
        ASIN_TXT,
        /** Audiobookshelf's {@code metadata.json}. */
        METADATA_JSON,
        /** An OPF file ({@code metadata.opf}). */
        OPF;

        /** The lower-case name written to {@code intake.json}: {@code folder_name}, {@code asin_txt}... */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
