package org.automb.intake;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the sub-folders of a multi-disc book ({@code Disc 1}, {@code CD2}, {@code Disc 3 of 4},
 * {@code Book - Disc 5}, {@code disk 10}) and reads their disc number.
 */
public final class DiscFolders {

    // the look-behind keeps words that merely end in "cd"/"disc" ("ABCD 2") from counting as discs
    private static final Pattern DISC = Pattern.compile("(?<!\\p{L})(dis[ck]|cd)\\s*#?\\s*(\\d+)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private DiscFolders() {
    }

    /** The disc number in a folder name, or empty when the name does not name a disc. */
    public static OptionalInt discNumber(String folderName) {
        Matcher matcher = DISC.matcher(folderName);
        if (!matcher.find()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(matcher.group(2)));
        } catch (NumberFormatException tooLong) {
            return OptionalInt.empty();
        }
    }

    /** True when the folder name names a disc. */
    public static boolean isDiscFolder(String folderName) {
        return discNumber(folderName).isPresent();
    }
}
