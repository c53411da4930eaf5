package org.automb.tagging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where a converted book goes inside {@code CONVERTED_FOLDER}, as the setting {@code OUTPUT_NAMING} says.
 *
 * <ul>
 *   <li>{@code key} (or empty), the default: the book's inbox key, as today and as auto-m4b does.</li>
 *   <li>{@code abs}: Audiobookshelf's folder layout, {@code Author/Series/Vol N - Title} for a book of a series,
 *       {@code Author/Title} otherwise (audiobookshelf.org, "Book Library Structure": a book is a folder; its
 *       scanner reads the series and {@code Vol 1.5} sequence from the folder names).</li>
 *   <li>a template such as {@code {author}/{series}/{series_part} - {title}}: folders separated by {@code /}, fields
 *       in braces ({@link Field}), parsed once, at start-up.</li>
 * </ul>
 *
 * <p>The template names the book's own folder (every book keeps a folder of its own, with its extra files and
 * {@code intake.json}, as Audiobookshelf needs); the m4b inside it is named after the last part. Parts are optional:
 * a folder whose fields are all empty disappears, and so does a {@code " - "}-separated piece of a name whose fields
 * are all empty ({@code Vol {series_part} - {title}} is just the title when the part is unknown). Every part is made
 * safe for every system ({@link SafeNames}); fitting each to the file system's byte limit is the caller's
 * ({@link org.automb.io.FileNames}), since only it knows the destination.
 */
public final class OutputNaming {

    /** The setting this class follows. */
    public static final String SETTING = "OUTPUT_NAMING";
    /** The default: the book's inbox key. */
    public static final String KEY = "key";
    /** Audiobookshelf's folder layout. */
    public static final String ABS = "abs";
    static final String ABS_WITH_SERIES = "{author}/{series}/Vol {series_part} - {title}";
    static final String ABS_WITHOUT_SERIES = "{author}/{title}";

    private static final String PIECE_SEPARATOR = " - ";
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:");

    /** A field a template can use, by the name written in braces. */
    public enum Field {
        AUTHOR, TITLE, SUBTITLE, SERIES, SERIES_PART, YEAR, NARRATOR, ASIN, KEY, REGION;

        /** The name in a template: {@code author}, {@code series_part}... */
        public String fieldName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Field> named(String name) {
            return Arrays.stream(values()).filter(f -> f.fieldName().equals(name)).findFirst();
        }
    }

    /** Literal text, or a field when {@code field} is set. */
    private record Token(String text, Field field) { }

    /** A {@code " - "}-separated piece of a name: left out when it has fields and they are all empty. */
    private record Piece(List<Token> tokens) {
        boolean hasField() {
            return tokens.stream().anyMatch(t -> t.field() != null);
        }
    }

    /** One folder name of the template. */
    private record Segment(List<Piece> pieces) {
        boolean hasField() {
            return pieces.stream().anyMatch(Piece::hasField);
        }
    }

    private final String template;
    private final List<Segment> segments;
    /** For {@code abs}: the layout of a book without a series; null for every other template. */
    private final List<Segment> withoutSeries;

    private OutputNaming(String template, List<Segment> segments, List<Segment> withoutSeries) {
        this.template = template;
        this.segments = segments;
        this.withoutSeries = withoutSeries;
    }

    /** The default layout: the inbox key. */
    public static OutputNaming byKey() {
        return new OutputNaming(KEY, List.of(), null);
    }

    /**
     * The naming {@code value} of {@code OUTPUT_NAMING} asks for: {@code key} or empty, {@code abs}, or a template.
     *
     * @throws InvalidOutputNamingException naming the setting and every problem of the template
     */
    public static OutputNaming parse(String value) {
        String template = value == null ? "" : value.strip();
        if (template.isEmpty() || template.equalsIgnoreCase(KEY)) {
            return byKey();
        }
        if (template.equalsIgnoreCase(ABS)) {
            return new OutputNaming(ABS, segments(ABS_WITH_SERIES, new ArrayList<>()),
                segments(ABS_WITHOUT_SERIES, new ArrayList<>()));
        }
        List<String> problems = new ArrayList<>();
        List<Segment> segments = segments(template, problems);
        if (!problems.isEmpty()) {
            throw new InvalidOutputNamingException(template, problems);
        }
        return new OutputNaming(template, segments, null);
    }

    /** What is wrong with {@code value} as an {@code OUTPUT_NAMING}; empty when it is fine. */
    public static List<String> problems(String value) {
        try {
            parse(value);
            return List.of();
        } catch (InvalidOutputNamingException e) {
            return e.problems();
        }
    }

    /** True for the default: the book goes under its inbox key, as it always did. */
    public boolean followsKey() {
        return segments.isEmpty();
    }

    /** The setting's value as parsed: {@code key}, {@code abs} or the template. */
    public String template() {
        return template;
    }

    /**
     * The book's folders under {@code CONVERTED_FOLDER}, outermost first, each safe for every system (not yet fitted
     * to a byte limit); the last one is the book's own folder and names its m4b. Empty for the {@code key} layout, and
     * when the template leaves nothing of a field for this book (every folder with a field empty): the book then goes
     * under its key.
     */
    public List<String> folders(NamingFields fields) {
        if (followsKey()) {
            return List.of();
        }
        List<Segment> chosen = withoutSeries != null && fields.series().isEmpty() ? withoutSeries : segments;
        List<String> folders = new ArrayList<>();
        boolean fieldKept = false;
        for (Segment segment : chosen) {
            String name = SafeNames.name(render(segment, fields));
            if (!name.isEmpty()) {
                folders.add(name);
                fieldKept |= segment.hasField();
            }
        }
        return fieldKept ? List.copyOf(folders) : List.of();
    }

    @Override
    public String toString() {
        return SETTING + "=" + template;
    }

    private static String render(Segment segment, NamingFields fields) {
        List<String> pieces = new ArrayList<>();
        for (Piece piece : segment.pieces()) {
            StringBuilder text = new StringBuilder();
            boolean anyValue = false;
            for (Token token : piece.tokens()) {
                if (token.field() == null) {
                    text.append(token.text());
                } else {
                    String value = SafeNames.value(fields.value(token.field()));
                    anyValue |= !value.isEmpty();
                    text.append(value);
                }
            }
            String rendered = text.toString().strip();
            if ((anyValue || !piece.hasField()) && !rendered.isEmpty()) {
                pieces.add(rendered);
            }
        }
        return String.join(PIECE_SEPARATOR, pieces);
    }

    /** Parses a template into its folders, adding what is wrong with it to {@code problems}. */
    private static List<Segment> segments(String template, List<String> problems) {
        if (template.startsWith("/") || template.startsWith("\\") || DRIVE.matcher(template).find()) {
            problems.add("is an absolute path; a template names folders inside CONVERTED_FOLDER,"
                + " such as {author}/{title}");
            return List.of();
        }
        List<List<Token>> folders = new ArrayList<>();
        List<Boolean> written = new ArrayList<>(); // whether anything at all was written for each folder
        boolean folderWritten = false;
        List<Token> tokens = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int fieldStart = -1;
        boolean anyField = false;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            folderWritten |= c != '/' || fieldStart >= 0;
            if (fieldStart >= 0) {
                if (c == '}') {
                    String name = template.substring(fieldStart + 1, i);
                    Optional<Field> field = Field.named(name.strip().toLowerCase(Locale.ROOT));
                    if (name.isBlank()) {
                        problems.add("an empty field '{}' at position " + (fieldStart + 1));
                    } else if (field.isEmpty()) {
                        problems.add("unknown field '{" + name + "}' (known: " + knownFields() + ")");
                    } else {
                        tokens.add(new Token("", field.get()));
                        anyField = true;
                    }
                    fieldStart = -1;
                } else if (c == '{') {
                    problems.add("unbalanced braces: '{' at position " + (fieldStart + 1)
                        + " is not closed before the next '{'");
                    fieldStart = i;
                }
                continue;
            }
            switch (c) {
                case '{' -> {
                    addText(tokens, text);
                    fieldStart = i;
                }
                case '}' -> problems.add("unbalanced braces: '}' at position " + (i + 1) + " closes no '{'");
                case '/' -> {
                    addText(tokens, text);
                    folders.add(tokens);
                    written.add(folderWritten);
                    tokens = new ArrayList<>();
                    folderWritten = false;
                }
                case '\\' -> problems.add("'\\' at position " + (i + 1) + ": folders are separated by '/'");
                default -> {
                    if (SafeNames.isUnsafe(c)) {
                        problems.add("'" + (Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : c)
                            + "' at position " + (i + 1) + " cannot be in a file name on every system");
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        if (fieldStart >= 0) {
            problems.add("unbalanced braces: '{' at position " + (fieldStart + 1) + " is never closed");
        }
        addText(tokens, text);
        folders.add(tokens);
        written.add(folderWritten);

        List<Segment> segments = new ArrayList<>();
        for (int f = 0; f < folders.size(); f++) {
            List<Token> folder = folders.get(f);
            if (!written.get(f)) {
                problems.add("an empty folder name (two '/' in a row, or a '/' at an end)");
                continue;
            }
            if (folder.isEmpty()) {
                continue; // only a mistake, already named
            }
            boolean literal = folder.stream().allMatch(t -> t.field() == null);
            String literalText = folder.stream().map(Token::text).collect(Collectors.joining()).strip();
            if (literal && (literalText.equals(".") || literalText.equals(".."))) {
                problems.add("'" + literalText + "' is not a folder name; the template stays inside CONVERTED_FOLDER");
                continue;
            }
            if (literal && SafeNames.name(literalText).isEmpty()) {
                problems.add("the folder name '" + literalText + "' is empty once made safe (only dots or spaces)");
                continue;
            }
            segments.add(new Segment(pieces(folder)));
        }
        if (!anyField && problems.isEmpty()) {
            problems.add("names no field, so every book would go to the same place; use fields such as"
                + " {author}/{title}, or 'key' or 'abs'");
        }
        return List.copyOf(segments);
    }

    private static void addText(List<Token> tokens, StringBuilder text) {
        if (!text.isEmpty()) {
            tokens.add(new Token(text.toString(), null));
            text.setLength(0);
        }
    }

    /** Splits a folder's tokens at each {@code " - "} of its literal text. */
    private static List<Piece> pieces(List<Token> tokens) {
        List<Piece> pieces = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token token : tokens) {
            if (token.field() != null) {
                current.add(token);
                continue;
            }
            String[] parts = token.text().split(Pattern.quote(PIECE_SEPARATOR), -1);
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    pieces.add(new Piece(List.copyOf(current)));
                    current = new ArrayList<>();
                }
                if (!parts[i].isEmpty()) {
                    current.add(new Token(parts[i], null));
                }
            }
        }
        pieces.add(new Piece(List.copyOf(current)));
        return List.copyOf(pieces);
    }

    private static String knownFields() {
        return Arrays.stream(Field.values()).map(Field::fieldName).collect(Collectors.joining(", "));
    }
}
