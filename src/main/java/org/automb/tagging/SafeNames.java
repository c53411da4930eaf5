package org.automb.tagging;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Text made into a file or folder name that every common system takes: Linux, macOS and Windows (an SMB share, a
 * copy to a USB stick, a Windows Plex or Audiobookshelf). Names come out in Unicode NFC (macOS hands out NFD; the same
 * title must give the same folder), without {@code / \ : * ? " < > |} or control characters, without leading or
 * trailing dots and spaces (Windows drops trailing ones, leading dots hide a file), never {@code .} or {@code ..}, and
 * never a name Windows reserves for a device ({@code CON}, {@code NUL}, {@code COM1}..., with any extension).
 * Byte length is not handled here: {@link org.automb.io.FileNames} fits names to the destination's limit.
 */
public final class SafeNames {

    /** What Windows forbids in a name, besides control characters; '/' separates folders everywhere. */
    public static final String UNSAFE_CHARACTERS = "/\\:*?\"<>|";
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1F\\x7F-\\x9F\\u2028\\u2029]");
    private static final Pattern SEPARATORS = Pattern.compile("[/\\\\]");
    private static final Pattern PATH_STEP = Pattern.compile("\\s*\\.{0,2}\\s*");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern COLON_BEFORE_SPACE = Pattern.compile("\\s*:\\s+");
    private static final Pattern EDGE_DOTS_AND_SPACES = Pattern.compile("^[.\\s]+|[.\\s]+$");
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³");

    private SafeNames() {
    }

    /**
     * A value put into a name: NFC, {@code /} and {@code \\} join its parts with {@code -} (parts that are only
     * {@code .} or {@code ..} dropped), unsafe characters replaced ({@code "Title: Sub"} reads {@code "Title - Sub"}, a
     * {@code /} or {@code |} becomes {@code -}, a {@code "} becomes {@code '}, {@code ?} is dropped, {@code * < >}
     * become {@code _}), control characters and runs of white space become one space, ends stripped.
     */
    public static String value(String text) {
        String s = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFC);
        s = CONTROL.matcher(s).replaceAll(" ");
        // a value never names a folder of its own, nor climbs out of one: "../x/y" is "x-y"
        s = Arrays.stream(SEPARATORS.split(s, -1)).filter(part -> !PATH_STEP.matcher(part).matches())
            .collect(Collectors.joining("-"));
        s = COLON_BEFORE_SPACE.matcher(s).replaceAll(" - ");
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case ':', '/', '\\', '|' -> out.append('-');
                case '"' -> out.append('\'');
                case '?' -> { }
                case '*', '<', '>' -> out.append('_');
                default -> out.append(c);
            }
        }
        return SPACES.matcher(out).replaceAll(" ").strip();
    }

    /**
     * A whole file or folder name: {@link #value} plus no leading or trailing dots and spaces, and a reserved device
     * name followed by {@code _} ({@code CON} → {@code CON_}, {@code nul.txt} → {@code nul_.txt}). Empty when nothing
     * is left (a name of only dots, spaces or unsafe characters): the caller leaves such a part out.
     */
    public static String name(String text) {
        String s = EDGE_DOTS_AND_SPACES.matcher(value(text)).replaceAll("");
        int dot = s.indexOf('.');
        String stem = dot < 0 ? s : s.substring(0, dot);
        if (RESERVED.contains(stem.strip().toUpperCase(Locale.ROOT))) {
            s = stem.strip() + "_" + (dot < 0 ? "" : s.substring(dot));
        }
        return s;
    }

    /** True when {@code c} may not appear in a name on some system (an unsafe character or a control character). */
    public static boolean isUnsafe(int c) {
        return UNSAFE_CHARACTERS.indexOf(c) >= 0 || Character.isISOControl(c);
    }
}
