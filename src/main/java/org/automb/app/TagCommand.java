package org.automb.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.automb.config.Settings;
import org.automb.jobs.store.JobStore;
import org.automb.media.ffmpeg.ExecRunner;
import org.automb.media.ffmpeg.FfmpegTools;
import org.automb.metadata.AsinHints;
import org.automb.metadata.Region;
import org.automb.plan.LibavProbe;
import org.automb.tagging.BookTagger;
import org.automb.tagging.TagChange;
import org.automb.tagging.TagJob;
import org.automb.tagging.TagOutcome;
import org.automb.tagging.TagState;
import org.automb.tagging.TagWriteFailure;

/**
 * {@code --tag PATH}: tags an existing m4b, or every m4b in a folder, outside the pipeline, with the same tag stage
 * (match, chapters, tags; copy, verify, rename). {@code --dry-run} prints what would change and writes nothing.
 * Exit 0 when every file was tagged (or would be), 3 when one needs review or failed, 2 for a wrong argument.
 */
final class TagCommand {

    record Request(Path path, Optional<String> asin, Optional<String> region, boolean dryRun, boolean refresh) {
    }

    private final Settings settings;
    private final PrintWriter out;
    private final PrintWriter err;

    TagCommand(Settings settings, PrintWriter out, PrintWriter err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    int run(Request request) throws Exception {
        Optional<Region> region = Optional.empty();
        if (request.region().isPresent()) {
            region = Region.fromCode(request.region().get());
            if (region.isEmpty()) {
                err.println("--region=" + request.region().get() + " must be one of us, uk, ca, au, de, fr, it, es, in, jp");
                return AutoM4bCommand.EXIT_CONFIG;
            }
        }
        if (request.asin().isPresent() && !AsinHints.isAsin(request.asin().get().toUpperCase(Locale.ROOT))) {
            err.println("--asin=" + request.asin().get() + " is not an ASIN (B followed by nine letters or digits)");
            return AutoM4bCommand.EXIT_CONFIG;
        }
        List<Path> files = m4bFiles(request.path());
        if (files.isEmpty()) {
            err.println("--tag " + request.path() + ": no .m4b file there");
            return AutoM4bCommand.EXIT_CONFIG;
        }
        if (request.asin().isPresent() && files.size() > 1) {
            err.println("--asin names one book, but " + request.path() + " holds " + files.size() + " m4b files");
            return AutoM4bCommand.EXIT_CONFIG;
        }
        Clock clock = Clock.systemDefaultZone();
        String url = EarlyStart.storeUrl(settings);
        Files.createDirectories(settings.working());
        try (DefaultCamelContext camel = new DefaultCamelContext(); JobStore store = JobStore.open(url, clock)) {
            camel.start();
            MediaTools media = new MediaTools(FfmpegTools.resolve(blankToNull(settings.ffmpegPath()),
                blankToNull(settings.ffprobePath())), settings.ffprobePath().isBlank() ? LibavProbe.load()
                : Optional.empty(), new ExecRunner(camel.createProducerTemplate()));
            BookTagger tagger = TaggingWiring.build(settings, clock, store, media).tagger();
            int unsettled = 0;
            for (Path file : files) {
                unsettled += tag(tagger, TagJob.ofFile(file, request.asin().map(a -> a.toUpperCase(Locale.ROOT)),
                    region, request.refresh()), request.dryRun()) ? 0 : 1;
            }
            out.flush();
            return unsettled == 0 ? AutoM4bCommand.EXIT_OK : AutoM4bCommand.EXIT_BOOKS_FAILED;
        }
    }

    /** Tags one file and prints its diff; false when it needs review or failed. */
    private boolean tag(BookTagger tagger, TagJob job, boolean dryRun) {
        TagOutcome outcome;
        try {
            outcome = tagger.tag(job, dryRun);
        } catch (TagWriteFailure | RuntimeException e) {
            out.println(job.m4b() + ": tag_failed: " + e.getMessage());
            return false;
        }
        out.println(job.m4b() + ": " + (dryRun ? "would be " : "") + outcome.summary());
        outcome.match().ifPresent(match -> match.candidates().stream().limit(5).forEach(candidate ->
            out.printf(Locale.ROOT, "  candidate %s %.3f %s - %s%n", candidate.product().asin(), candidate.score(),
                String.join(", ", candidate.product().authors()), candidate.product().title())));
        for (TagChange change : outcome.changes()) {
            out.println("  " + change.field() + ": " + quoted(change.oldValue()) + " -> " + quoted(change.newValue()));
        }
        outcome.chapterNotes().forEach(note -> out.println("  chapters: " + note));
        return outcome.tagState() != TagState.NEEDS_REVIEW;
    }

    private static String quoted(String value) {
        String oneLine = value.replace("\n", "\\n");
        return oneLine.length() > 120 ? "'" + oneLine.substring(0, 117) + "...'" : "'" + oneLine + "'";
    }

    private static List<Path> m4bFiles(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".m4b") ? List.of(path) : List.of();
        }
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(path)) {
            walk.filter(Files::isRegularFile)
                .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".m4b"))
                .filter(p -> !p.getFileName().toString().startsWith("."))
                .sorted().forEach(files::add);
        }
        return files;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
