package org.automb.intake;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.automb.intake.InboxScan.HeldBack;
import org.automb.intake.InboxScan.InboxProblem;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the books waiting in the inbox, following the folder conventions auto-m4b users rely on:
 * <ul>
 *   <li>each top-level folder is a book; a loose audio file in the inbox root is a book of its own, together
 *       with the root files of the same stem ({@code Title.jpg}, {@code Title.cue});</li>
 *   <li>{@code Disc 1}, {@code CD2}... sub-folders are the discs of one book, played in disc-number order;</li>
 *   <li>a folder whose only audio is inside one sub-folder merely wraps that book;</li>
 *   <li>a folder whose audio is spread over several non-disc sub-folders is a series: one book per sub-folder,
 *       keyed {@code Series/<sub-folder>};</li>
 *   <li>a folder with loose audio beside sub-folders of other books is refused rather than merged.</li>
 * </ul>
 * Junk (Finder/Explorer litter, hidden files, downloads in progress) is ignored everywhere. Scanning never throws
 * for what it finds in the inbox: everything that did not become a book comes back as an {@link InboxProblem}.
 */
public final class BookFinder {

    /** Extensions (lower case, no dot) of files that travel beside the output: covers, e-books, cue sheets, notes. */
    public static final Set<String> EXTRA_EXTENSIONS = Set.of(
            "jpg", "jpeg", "png", "gif", "bmp", "tiff", "webp", "heic", "svg",
            "epub", "mobi", "azw", "azw3", "pdf", "txt", "log", "cue", "nfo");

    private static final String SPLIT_ADVICE = "split it: move each book into its own folder in the inbox";

    private final List<String> audioExtensions;
    private final Optional<Pattern> matchFilter;
    private final NaturalOrder naturalOrder = new NaturalOrder();

    /**
     * @param audioExtensions extensions of audio files, no dot ({@code mp3}, {@code m4a}...); matched
     *                        case-insensitively; their iteration order is the order used in messages
     * @param matchFilter     when present, only books whose key contains a match are returned (case-insensitive)
     */
    public BookFinder(Set<String> audioExtensions, Optional<Pattern> matchFilter) {
        this.audioExtensions = normalise(audioExtensions);
        if (this.audioExtensions.isEmpty()) {
            throw new IllegalArgumentException("no audio extensions configured");
        }
        // the filter is documented as case-insensitive whatever flags the caller compiled it with
        this.matchFilter = matchFilter.map(pattern -> Pattern.compile(pattern.pattern(),
                pattern.flags() | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    /** Looks through the inbox once and returns its books and problems. */
    public InboxScan scan(Path inbox) {
        Path inboxRealPath;
        try {
            inboxRealPath = inbox.toRealPath();
        } catch (IOException e) {
            return new InboxScan(List.of(), List.of(new InboxProblem("", inbox,
                    "cannot read the inbox " + inbox + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                    false)));
        }
        FolderReader reader = new FolderReader(inboxRealPath, this::isAudio, this::isExtra, naturalOrder);
        return new InboxWalk(inbox).walk(reader.read(inbox));
    }

    private boolean isAudio(String fileName) {
        return audioExtensions.contains(RelativePaths.extensionOf(fileName).toLowerCase(Locale.ROOT));
    }

    private boolean isExtra(String fileName) {
        return EXTRA_EXTENSIONS.contains(RelativePaths.extensionOf(fileName).toLowerCase(Locale.ROOT));
    }

    private static List<String> normalise(Collection<String> extensions) {
        Set<String> clean = new LinkedHashSet<>();
        for (String extension : extensions) {
            String lower = extension.strip().toLowerCase(Locale.ROOT);
            clean.add(lower.startsWith(".") ? lower.substring(1) : lower);
        }
        clean.remove("");
        return List.copyOf(clean);
    }

    /** The books and problems of one scan while it is being put together. */
    private final class InboxWalk {
        private final Path inbox;
        private final List<Book> books = new ArrayList<>();
        private final List<InboxProblem> problems = new ArrayList<>();
        private final Map<String, HeldBack> heldBack = new LinkedHashMap<>();

        InboxWalk(Path inbox) {
            this.inbox = inbox;
        }

        InboxScan walk(Folder root) {
            reportInboxIssues(root);
            addLooseFileBooks(root);
            for (Folder folder : root.subfolders()) {
                resolve(folder, folder.name());
            }
            refuseDuplicateKeys();
            return new InboxScan(sorted(matching(books.stream(), Book::key), Book::key),
                    sorted(matching(problems.stream(), InboxProblem::key), InboxProblem::key),
                    sorted(matching(heldBack.values().stream(), HeldBack::key), HeldBack::key));
        }

        private void reportInboxIssues(Folder root) {
            for (ScanIssue issue : root.issues()) {
                String key = issue.path().equals(root.path()) ? "" : RelativePaths.nameOf(issue.path());
                problems.add(new InboxProblem(key, issue.path(),
                        key.isEmpty() ? issue.detail() : key + ": " + issue.detail(), false));
                if (!key.isEmpty()) {
                    // the entry is the link itself, not something inside a book
                    holdBack(key, issue.path(), issue.reason().replace("a link inside leads outside the book",
                            "a link that leads outside the inbox").replace(" inside", ""));
                }
            }
        }

        /** Each audio file in the inbox root is a book, taking along the root files that share its stem. */
        private void addLooseFileBooks(Folder root) {
            for (Path file : root.audio()) {
                String stem = RelativePaths.stemOf(RelativePaths.nameOf(file));
                List<Path> companions = root.extras().stream()
                        .filter(extra -> RelativePaths.stemOf(RelativePaths.nameOf(extra)).equals(stem))
                        .toList();
                books.add(new Book(stem, stem, file, List.of(file), companions, true));
            }
        }

        /** Turns one book folder (top-level or series member) into a book, a series of books, or a problem. */
        private void resolve(Folder bookRoot, String key) {
            Folder inner = unwrap(bookRoot);
            List<Folder> discs = discFolders(inner);
            List<Folder> others = otherFoldersWithAudio(inner);
            if (others.isEmpty()) {
                addBook(bookRoot, inner, discs, key);
            } else if (!inner.audio().isEmpty()) {
                refuse(bookRoot, inner, key, mixesLooseFilesMessage(key, inner.audio().size(), others));
            } else if (!discs.isEmpty()) {
                refuse(bookRoot, inner, key, mixesDiscsMessage(key, discs, others));
            } else {
                addSeries(bookRoot, others, key);
            }
        }

        /** Descends through folders whose only audio sits in a single non-disc sub-folder. */
        private Folder unwrap(Folder folder) {
            Folder current = folder;
            while (current.audio().isEmpty() && discFolders(current).isEmpty()) {
                List<Folder> others = otherFoldersWithAudio(current);
                if (others.size() != 1) {
                    break;
                }
                current = others.get(0);
            }
            return current;
        }

        private void addBook(Folder bookRoot, Folder inner, List<Folder> discs, String key) {
            List<Path> audio = new ArrayList<>(inner.audio());
            discs.forEach(disc -> audio.addAll(sortedWithin(disc.path(), disc.allAudio())));
            if (audio.isEmpty()) {
                problems.add(new InboxProblem(key, bookRoot.path(),
                        key + ": no audio files (looked for " + String.join(", ", audioExtensions) + ")", false));
            }
            // a book with unreadable or unfollowed parts might be incomplete: hold it back until it reads cleanly
            List<ScanIssue> issues = bookRoot.allIssues().toList();
            boolean readCleanly = reportIssues(key, issues.stream());
            issues.stream().map(ScanIssue::reason).distinct()
                    .forEach(reason -> holdBack(key, bookRoot.path(), reason));
            if (!audio.isEmpty() && readCleanly) {
                List<Path> extras = sortedWithin(bookRoot.path(), bookRoot.allExtras());
                books.add(new Book(key, bookRoot.name(), bookRoot.path(), audio, extras, false));
            }
        }

        private void refuse(Folder bookRoot, Folder inner, String key, String message) {
            problems.add(new InboxProblem(key, inner.path(), message, true));
            holdBack(key, bookRoot.path(), withoutKey(key, message));
            reportIssues(key, bookRoot.allIssues());
        }

        /** Each audio sub-folder of a series is resolved like a top-level book, keyed by its inbox-relative path. */
        private void addSeries(Folder seriesRoot, List<Folder> members, String key) {
            Set<Path> memberPaths = members.stream().map(Folder::path).collect(Collectors.toSet());
            reportIssues(key, issuesOutside(seriesRoot, memberPaths));
            for (Folder member : members) {
                resolve(member, RelativePaths.of(inbox, member.path()));
            }
        }

        private Stream<ScanIssue> issuesOutside(Folder folder, Set<Path> excluded) {
            if (excluded.contains(folder.path())) {
                return Stream.empty();
            }
            return Stream.concat(folder.issues().stream(),
                    folder.subfolders().stream().flatMap(sub -> issuesOutside(sub, excluded)));
        }

        /** Reports issues as non-fatal problems; returns true when there were none. */
        private boolean reportIssues(String key, Stream<ScanIssue> issues) {
            int before = problems.size();
            issues.forEach(issue -> problems.add(
                    new InboxProblem(key, issue.path(), key + ": " + issue.detail(), false)));
            return problems.size() == before;
        }

        /** Two inbox entries with the same key would overwrite each other's output: convert neither. */
        private void refuseDuplicateKeys() {
            Map<String, List<Book>> byKey = new LinkedHashMap<>();
            books.forEach(book -> byKey.computeIfAbsent(book.key().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(book));
            for (List<Book> clash : byKey.values()) {
                if (clash.size() > 1) {
                    books.removeAll(clash);
                    InboxProblem problem = duplicateKeyProblem(clash);
                    problems.add(problem);
                    holdBack(problem.key(), problem.path(), withoutKey(problem.key(), problem.message()));
                }
            }
        }

        private InboxProblem duplicateKeyProblem(List<Book> clash) {
            String entries = clash.stream()
                    .map(book -> RelativePaths.of(inbox, book.root()))
                    .sorted(naturalOrder)
                    .collect(Collectors.joining(", "));
            String key = clash.get(0).key();
            return new InboxProblem(key, clash.get(0).root(), key + ": " + clash.size()
                    + " inbox entries would become the same book (" + entries + "); rename all but one", true);
        }

        /** Records that the book at {@code key} is held back; several reasons for one book are joined. */
        private void holdBack(String key, Path folder, String reason) {
            heldBack.merge(key, new HeldBack(key, folder, reason), (was, more) -> was.reason().contains(reason)
                    ? was : new HeldBack(key, was.folder(), was.reason() + "; " + reason));
        }

        private static String withoutKey(String key, String message) {
            return message.startsWith(key + ": ") ? message.substring(key.length() + 2) : message;
        }

        private <T> Stream<T> matching(Stream<T> items, Function<T, String> key) {
            return matchFilter
                    .map(filter -> items.filter(item -> key.apply(item).isEmpty()
                            || filter.matcher(key.apply(item)).find()))
                    .orElse(items);
        }

        private <T> List<T> sorted(Stream<T> items, Function<T, String> key) {
            return items.sorted(Comparator.comparing(key, naturalOrder)).toList();
        }
    }

    private List<Folder> discFolders(Folder folder) {
        Comparator<Folder> byDiscNumber = Comparator.comparingInt(
                disc -> DiscFolders.discNumber(disc.name()).orElseThrow());
        return folder.subfolders().stream()
                .filter(sub -> DiscFolders.isDiscFolder(sub.name()) && sub.hasAudio())
                .sorted(byDiscNumber.thenComparing(Folder::name, naturalOrder))
                .toList();
    }

    private List<Folder> otherFoldersWithAudio(Folder folder) {
        return folder.subfolders().stream()
                .filter(sub -> !DiscFolders.isDiscFolder(sub.name()) && sub.hasAudio())
                .toList();
    }

    private List<Path> sortedWithin(Path base, Stream<Path> files) {
        Comparator<Path> byRelativePath = Comparator.comparing(base::relativize, naturalOrder.forPaths());
        return files.sorted(byRelativePath).toList();
    }

    private String mixesLooseFilesMessage(String key, int looseFiles, List<Folder> others) {
        return key + ": folder mixes " + looseFiles + " loose audio file" + (looseFiles == 1 ? "" : "s")
                + " with sub-folders that hold other books (" + names(others) + "); " + SPLIT_ADVICE;
    }

    private String mixesDiscsMessage(String key, List<Folder> discs, List<Folder> others) {
        return key + ": folder mixes disc folders (" + names(discs) + ") with sub-folders that hold other books ("
                + names(others) + "); " + SPLIT_ADVICE;
    }

    private static String names(List<Folder> folders) {
        return folders.stream().map(Folder::name).collect(Collectors.joining(", "));
    }
}
