package org.automb.intake;

import java.nio.file.Path;
import java.util.Comparator;

/**
 * Orders names the way people number things: runs of digits compare by value ({@code track 2} before
 * {@code track 10}), everything else compares case-insensitively.
 * <p>
 * Names that only differ in leading zeros or letter case fall back to plain {@link String#compareTo}, so the
 * order is total and stable ({@code "01"} and {@code "1"} never compare equal).
 */
public final class NaturalOrder implements Comparator<String> {

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            if (isDigit(a.charAt(i)) && isDigit(b.charAt(j))) {
                int endA = endOfDigits(a, i);
                int endB = endOfDigits(b, j);
                int byValue = compareNumbers(a.substring(i, endA), b.substring(j, endB));
                if (byValue != 0) {
                    return byValue;
                }
                i = endA;
                j = endB;
            } else {
                int byChar = Character.compare(fold(a.charAt(i)), fold(b.charAt(j)));
                if (byChar != 0) {
                    return byChar;
                }
                i++;
                j++;
            }
        }
        // one name is a (natural) prefix of the other: the shorter one comes first
        int byRest = Integer.compare(a.length() - i, b.length() - j);
        return byRest != 0 ? byRest : a.compareTo(b);
    }

    /** Compares paths element by element ({@code Disc 2/track 10} vs {@code Disc 2/track 9}), each in natural order. */
    public Comparator<Path> forPaths() {
        return this::comparePaths;
    }

    private int comparePaths(Path a, Path b) {
        int common = Math.min(a.getNameCount(), b.getNameCount());
        for (int k = 0; k < common; k++) {
            int byElement = compare(a.getName(k).toString(), b.getName(k).toString());
            if (byElement != 0) {
                return byElement;
            }
        }
        return Integer.compare(a.getNameCount(), b.getNameCount());
    }

    // ASCII digits only: other scripts' digits are rare in file names and Character.isDigit would mix numerals
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int endOfDigits(String s, int start) {
        int end = start;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    /** Compares digit strings by value without parsing, so any length works. */
    private static int compareNumbers(String a, String b) {
        String x = stripLeadingZeros(a);
        String y = stripLeadingZeros(b);
        int byLength = Integer.compare(x.length(), y.length());
        return byLength != 0 ? byLength : x.compareTo(y);
    }

    private static String stripLeadingZeros(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }

    // same folding as String.CASE_INSENSITIVE_ORDER
    private static char fold(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }
}
