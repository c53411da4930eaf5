package org.automb.deliver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.automb.config.Settings;
import org.automb.intake.Book;
import org.automb.io.FileNames;
import org.automb.io.NameLimits;
import org.automb.io.WorkArea;
import org.automb.tagging.NamingFields;
import org.automb.tagging.OutputNaming;

/**
 * Where a book's output, manifest and archived originals go. Keys come from the inbox's own folder names; a name too
 * long for the destination's file system is shortened there (see {@link FileNames}), the same way every time.
 */
public final class OutputLayout {

    private static final String OUTPUT_EXTENSION = ".m4b";

    private final Settings settings;
    private final NameLimits nameLimits;
    private final OutputNaming naming;

    public OutputLayout(Settings settings) {
        this(settings, new NameLimits());
    }

    public OutputLayout(Settings settings, NameLimits nameLimits) {
        this(settings, nameLimits, OutputNaming.byKey());
    }

    /** @param naming where in the converted folder a book goes ({@code OUTPUT_NAMING}; by its key by default) */
    public OutputLayout(Settings settings, NameLimits nameLimits, OutputNaming naming) {
        this.settings = settings;
        this.nameLimits = nameLimits;
        this.naming = naming;
    }

    public OutputNaming naming() {
        return naming;
    }

    /**
     * Where the book goes by its key: the default layout, and where a book's earlier output is looked for before its
     * tags are known.
     */
    public Path outputFolder(Book book) {
        return within(settings.converted(), fittedKey(settings.converted(), book.key()));
    }

    public Path outputFile(Book book) {
        return outputFolder(book).resolve(fileName(settings.converted(), book.name() + OUTPUT_EXTENSION));
    }

    /**
     * Where the book's m4b goes as {@code OUTPUT_NAMING} names it from {@code fields}:
     * {@code CONVERTED_FOLDER/<folders>/<last folder>.m4b}, each name fitted to the file system's limit; by its key
     * ({@link #outputFile(Book)}) for the default, or when the template leaves nothing for this book.
     */
    public Path outputFile(Book book, NamingFields fields) {
        List<String> folders = naming.folders(fields);
        if (folders.isEmpty()) {
            return outputFile(book);
        }
        Path converted = settings.converted();
        int nameMax = nameLimits.nameMax(converted);
        String relative = String.join("/", folders.stream().map(f -> FileNames.fitFolder(f, nameMax)).toList());
        String file = FileNames.fitFile(folders.get(folders.size() - 1) + OUTPUT_EXTENSION, nameMax);
        return within(converted, relative).resolve(file);
    }

    /**
     * Where an output whose place in CONVERTED_FOLDER is {@code convertedPlace} waits for review
     * (REVIEW_BEFORE_RELEASE): the same relative place in REVIEW_FOLDER.
     */
    public Path inReview(Path convertedPlace) {
        Path converted = settings.converted().normalize();
        return within(settings.web().reviewFolder(), converted.relativize(convertedPlace.normalize()).toString());
    }

    /** Where an output waiting for review at {@code reviewPlace} goes once approved: the same place in CONVERTED_FOLDER. */
    public Path released(Path reviewPlace) {
        Path review = settings.web().reviewFolder().normalize();
        return within(settings.converted(), review.relativize(reviewPlace.normalize()).toString());
    }

    /** True when {@code output} lies in REVIEW_FOLDER and the review gate is on. */
    public boolean isInReview(Path output) {
        return settings.web().reviewBeforeRelease() && output != null
            && output.normalize().startsWith(settings.web().reviewFolder().normalize());
    }

    public Path archiveFolder(Book book) {
        return archiveFolder(book.key());
    }

    /** Where ON_COMPLETE=archive puts the originals of the book with {@code key} (first time; later ones get a time suffix). */
    public Path archiveFolder(String key) {
        return within(settings.archive(), fittedKey(settings.archive(), key));
    }

    public Path backupFolder(Book book) {
        return within(settings.backup(), fittedKey(settings.backup(), book.key()));
    }

    /** {@code name} as a file in {@code folder} (or anywhere on its file system): shortened if it is too long there. */
    public String fileName(Path folder, String name) {
        return FileNames.fitFile(name, nameLimits.nameMax(folder));
    }

    /** {@code name + suffix} as a folder in {@code folder}: the name shortened if the whole is too long there. */
    public String folderName(Path folder, String name, String suffix) {
        return FileNames.fitWithSuffix(name, suffix, nameLimits.nameMax(folder));
    }

    /**
     * The book's names that its converted folder (and, where they are used, its archive and backup folders) cannot
     * hold as they are, with the names written instead.
     */
    public List<ShortenedName> shortenedNames(Book book) {
        return shortenedNames(book, List.of());
    }

    /** {@link #shortenedNames(Book)} for the book delivered where {@code OUTPUT_NAMING} names it from {@code fields}. */
    public List<ShortenedName> shortenedNames(Book book, NamingFields fields) {
        return shortenedNames(book, naming.folders(fields));
    }

    private List<ShortenedName> shortenedNames(Book book, List<String> namedFolders) {
        List<ShortenedName> shortened = new ArrayList<>();
        String output;
        if (namedFolders.isEmpty()) {
            addShortened(shortened, "converted", settings.converted(), book.key());
            output = book.name() + OUTPUT_EXTENSION;
        } else {
            addShortened(shortened, "converted", settings.converted(), String.join("/", namedFolders));
            output = namedFolders.get(namedFolders.size() - 1) + OUTPUT_EXTENSION;
        }
        String written = fileName(settings.converted(), output);
        if (!written.equals(output)) {
            shortened.add(new ShortenedName("converted", output, written));
        }
        if (settings.onComplete() == Settings.OnComplete.ARCHIVE) {
            addShortened(shortened, "archive", settings.archive(), book.key());
        }
        if (settings.backupFirst()) {
            addShortened(shortened, "backup", settings.backup(), book.key());
        }
        return shortened;
    }

    private void addShortened(List<ShortenedName> shortened, String role, Path base, String key) {
        int nameMax = nameLimits.nameMax(base);
        for (String segment : key.split("/")) {
            String written = FileNames.fitFolder(segment, nameMax);
            if (!written.equals(segment)) {
                shortened.add(new ShortenedName(role, segment, written));
            }
        }
    }

    /** The key with each folder name fitted to {@code base}'s file system. */
    private String fittedKey(Path base, String key) {
        int nameMax = nameLimits.nameMax(base);
        List<String> segments = new ArrayList<>();
        for (String segment : key.split("/", -1)) {
            segments.add(FileNames.fitFolder(segment, nameMax));
        }
        return String.join("/", segments);
    }

    /**
     * A per-book scratch folder in the service's working area, named from a hash of the key ({@link WorkArea}): odd
     * or long book names never leave the area nor lengthen a working path, and the start-up cleanup knows it as its own.
     */
    public Path workFolder(Book book) {
        return WorkArea.root(settings.working()).resolve(WorkArea.bookFolderName(book.key()));
    }

    /** Resolves a relative key under a base folder and refuses anything that would escape it. */
    static Path within(Path base, String key) {
        Path resolved = base.resolve(key).normalize();
        if (!resolved.startsWith(base.normalize()) || resolved.equals(base.normalize())) {
            throw new IllegalArgumentException("book key '" + key + "' does not name a folder inside " + base);
        }
        return resolved;
    }
}
