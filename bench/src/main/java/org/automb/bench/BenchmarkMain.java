package org.automb.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.automb.bench.AppRun.BookReport;
import org.automb.bench.Baselines.Format;
import org.automb.bench.Corpus.CaseSpec;
import org.automb.bench.Corpus.SourceInfo;
import org.automb.bench.Tools.Usage;

/**
 * The performance benchmark of issue #4: generates its books with the bundled ffmpeg, converts each case with the
 * real application (the packaged jar, a child process) and with two baselines on the same machine, checks every
 * output for exactness, and prints one table plus the targets as ratios from the same run.
 *
 * <p>Run with {@code mvn -B -Pbench verify} (or {@code bench/run}); see docs/performance.md. Settings (system
 * properties): {@code bench.scale} (1 = the sizes), {@code bench.cases} (comma separated, or "all"),
 * {@code bench.work}, {@code bench.jar}, {@code bench.cores} (the m4b-tool-style baseline's parallelism; default
 * all cores), {@code bench.jvmArgs} (for the application's JVM), {@code bench.keep} (keep outputs),
 * {@code bench.repeat} (application/baseline pairs per single mp3 book, the median ratio quoted),
 * {@code bench.failOnTarget} (exit 1 when a target fails).
 */
public final class BenchmarkMain {

    private static final double SOLO_RATIO = 1.10;
    private static final double THROUGHPUT_RATIO = 1.8;
    private static final double STRETCH_RATIO = 0.6;
    /**
     * The cases the stretch target (segment-parallel encode of one large book) is measured on: the 10 h book of
     * noise and the 10 h book of speech (the same shape; speech costs the encoder more).
     */
    private static final List<String> STRETCH_CASES = List.of("mp3-10h-40", "speech-10h");
    /** The backlog's second run: one book at a time, one encoder (converting the books one after the other). */
    private static final List<String> ONE_AT_A_TIME = List.of("--max-parallel-books=1", "--cpu-cores=1");
    private static final String ONE_AT_A_TIME_NAME = "application, one book at a time (1 encoder)";
    private static final double OVERHEAD_SECONDS = 0.5;
    private static final double COPY_RATIO = 3.0;
    /** AAC case: application/cp pairs run in turn, at least (more with bench.repeat); the median ratio is judged. */
    private static final int COPY_PAIRS = 5;
    private static final double READY_SECONDS = 3.0;
    private static final long RSS_LIMIT_MB = 300;
    private static final int RSS_STABLE_AFTER = 10;
    private static final double RSS_GROWTH = 0.05;

    /** Everything measured for one case. */
    static final class CaseResult {
        final CaseSpec spec;
        AppRun.Result app;
        AppRun.Result appSequential;
        Usage exact = Usage.ZERO;
        final List<Double> exactPerBook = new ArrayList<>();
        Usage tool = Usage.ZERO;
        Usage copy;
        /** The application's and the exact baseline's outputs are decoded by ffmpeg and GStreamer; the m4b-tool-style one by ffmpeg. */
        Exactness.Verdict appExact;
        Exactness.Verdict exactExact;
        Exactness.Verdict toolExact;
        String error = "";
        double generateSeconds;
        double analyzeSeconds;
        /** application book span / exact baseline wall, one per pair run in turn (single mp3 books only). */
        final List<Double> soloRatios = new ArrayList<>();
        /** AAC case: application book spans and cp walls, run in turn after a sync, pair by pair. */
        final List<Double> copySpans = new ArrayList<>();
        final List<Double> copyWalls = new ArrayList<>();
        /** AAC case: the book's span when it arrives at a service that has converted it once (a warm JVM). */
        double warmSpan = Double.NaN;
        /** AAC case: one core's time for the SHA-256 of the sources and of the output, JIT warm (the manifest's checksums). */
        double checksumSeconds = Double.NaN;
        /** Where the application's independently encoded segments start (intake.json audio.segmentStarts); null when absent. */
        List<Long> segmentStarts;
        /** The jumps at the joins and elsewhere in the application's output (stretch case, split books only). */
        Seams.Result seams;

        CaseResult(CaseSpec spec) {
            this.spec = spec;
        }
    }

    public static void main(String[] args) {
        try {
            System.exit(new BenchmarkMain().run());
        } catch (Tools.MissingTool e) {
            System.err.println("benchmark: " + e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(2);
        }
    }

    private final double scale = Double.parseDouble(System.getProperty("bench.scale", "1"));
    private final Path work = Path.of(System.getProperty("bench.work", "target/bench-work")).toAbsolutePath();
    private final Path jar = Path.of(System.getProperty("bench.jar", "target/auto-m4b.jar")).toAbsolutePath();
    private final int cores = Integer.getInteger("bench.cores", Runtime.getRuntime().availableProcessors());
    private final boolean keep = Boolean.getBoolean("bench.keep");
    /** Pairs (application, exact baseline) run in turn for each single mp3 book; the ratio quoted is their median. */
    private final int repeat = Math.max(1, Integer.getInteger("bench.repeat", 1));
    private final boolean failOnTarget = Boolean.getBoolean("bench.failOnTarget");
    private final List<String> jvmArgs = splitArgs(System.getProperty("bench.jvmArgs", ""));
    private final List<String> caseIds = selectCases(System.getProperty("bench.cases", "all"));
    private final StringBuilder report = new StringBuilder();

    int run() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no application jar at " + jar + " (run mvn package first, or set bench.jar)");
        }
        Tools.requireGstreamer();
        caseIds.stream().filter(id -> Corpus.spec(id, scale).audio() == Corpus.Audio.SPEECH).findFirst()
            .ifPresent(Tools::requireEspeakNg);
        Tools tools = Tools.locate();
        long started = System.nanoTime();
        progress("auto-m4b benchmark: scale " + scale + ", cases " + caseIds + ", work folder " + work);
        if (!tools.haveGnuTime) {
            progress("warning: GNU time (/usr/bin/time) is missing: CPU time and peak RSS of processes are not measured");
        }
        String machine = machine(tools);
        String loadBefore = loadAverage();
        List<CaseResult> results = new ArrayList<>();
        AppRun app = new AppRun(tools, jar, jvmArgs);
        progress(String.format(java.util.Locale.ROOT, "launcher prepared in %.1f s (after a build it makes its class-data-sharing archive; not timed)",
            app.prepareLauncher()));
        Baselines baselines = new Baselines(tools, cores);
        Exactness exactness = new Exactness(tools);
        for (String id : caseIds) {
            CaseResult result = new CaseResult(Corpus.spec(id, scale));
            results.add(result);
            try {
                runCase(result, tools, app, baselines, exactness);
            } catch (RuntimeException e) {
                result.error = e.getClass().getSimpleName() + ": " + e.getMessage();
                progress("case " + id + " failed: " + result.error);
            }
        }
        double total = (System.nanoTime() - started) / 1e9;
        line("");
        line("## auto-m4b benchmark — scale " + scale + (scale < 1 ? " (SMOKE RUN: sizes scaled down, timings not comparable to the targets)" : ""));
        line("");
        line(machine);
        line("load average before: " + loadBefore + "; after: " + loadAverage() + "; benchmark took " + Tools.fmt("%.0f s", total));
        line("");
        table(results);
        line("");
        boolean allPass = targets(results);
        line("");
        details(results);
        writeReport();
        boolean harnessOk = results.stream().allMatch(r -> r.error.isEmpty());
        if (!harnessOk) {
            return 2;
        }
        return failOnTarget && !allPass ? 1 : 0;
    }

    // ------------------------------------------------------------------ one case

    private void runCase(CaseResult r, Tools tools, AppRun app, Baselines baselines, Exactness exactness) {
        CaseSpec spec = r.spec;
        Path corpus = Corpus.dir(work, spec, scale);
        progress(Tools.fmt("[%s] %s: %d book(s), %d files, %.1f h of audio", spec.id(), spec.description(),
            spec.books().size(), spec.fileCount(), spec.seconds() / 3600));
        long t = System.nanoTime();
        Corpus.generate(tools, spec, corpus, cores);
        r.generateSeconds = (System.nanoTime() - t) / 1e9;
        t = System.nanoTime();
        List<List<SourceInfo>> sources = Corpus.analyze(tools, spec, corpus, cores);
        r.analyzeSeconds = (System.nanoTime() - t) / 1e9;
        progress(Tools.fmt("[%s] corpus ready (generated in %.1f s, decoded for the truth in %.1f s)", spec.id(),
            r.generateSeconds, r.analyzeSeconds));
        List<Path> bookDirs = spec.books().stream().map(b -> corpus.resolve(b.name())).toList();
        Path runs = work.resolve("runs").resolve(spec.id());
        Tools.deleteTree(runs);

        progress("[" + spec.id() + "] application" + (spec.backlog() ? " (books in parallel, default settings)" : ""));
        r.app = app.run(runs.resolve("app"), bookDirs, List.of());
        checkApp(r.app, spec, "application");
        if (STRETCH_CASES.contains(spec.id())) {
            r.segmentStarts = segmentStarts(r.app, spec);
        }
        if (spec.backlog()) {
            progress("[" + spec.id() + "] " + ONE_AT_A_TIME_NAME + " (" + String.join(" ", ONE_AT_A_TIME) + ")");
            r.appSequential = app.run(runs.resolve("app-one-at-a-time"), bookDirs, ONE_AT_A_TIME);
            checkApp(r.appSequential, spec, "application one at a time");
            if (!keep) {
                Tools.deleteTree(runs.resolve("app-one-at-a-time").resolve("converted"));
            }
        }
        Format format = formatOf(r.app, spec);

        progress("[" + spec.id() + "] exact single-process baseline" + (spec.backlog() ? " (one book at a time)" : ""));
        List<Path> exactOutputs = new ArrayList<>();
        for (int b = 0; b < spec.books().size(); b++) {
            Path dir = runs.resolve("exact").resolve(String.valueOf(b + 1));
            Path out = dir.resolve("book.m4b");
            Usage u = baselines.exactSingleProcess(spec.books().get(b).name(), sources.get(b), format, dir, out);
            r.exact = r.exact.then(u);
            r.exactPerBook.add(u.wall());
            exactOutputs.add(out);
        }

        if (!spec.backlog() && !spec.aac()) {
            r.soloRatios.add(r.app.bookSpan() / r.exact.wall());
            // the machine's speed drifts between runs: further pairs, application and baseline in turn
            for (int pair = 2; pair <= repeat; pair++) {
                progress("[" + spec.id() + "] pair " + pair + " of " + repeat + ": application, then exact baseline");
                AppRun.Result again = app.run(runs.resolve("app-" + pair), bookDirs, List.of());
                checkApp(again, spec, "application");
                Path dir = runs.resolve("exact-" + pair);
                Usage u = baselines.exactSingleProcess(spec.books().get(0).name(), sources.get(0), format, dir, dir.resolve("book.m4b"));
                r.soloRatios.add(again.bookSpan() / u.wall());
                Tools.deleteTree(runs.resolve("app-" + pair));
                Tools.deleteTree(dir);
            }
        }

        progress("[" + spec.id() + "] m4b-tool-style baseline (" + cores + " encoders at a time, then -c copy)");
        List<Path> toolOutputs = new ArrayList<>();
        for (int b = 0; b < spec.books().size(); b++) {
            Path dir = runs.resolve("m4b-tool").resolve(String.valueOf(b + 1));
            Path out = dir.resolve("book.m4b");
            r.tool = r.tool.then(baselines.m4bToolStyle(spec.books().get(b).name(), sources.get(b), format, dir, out));
            toolOutputs.add(out);
        }

        if (spec.aac()) {
            progress("[" + spec.id() + "] cp -r of the sources");
            r.copy = copyAfterSync(tools, baselines, bookDirs.get(0), runs.resolve("cp"));
            r.copySpans.add(r.app.bookSpan());
            r.copyWalls.add(r.copy.wall());
            // both take a quarter of a second, and a VM's writes vary from one to the next by more than that: pairs
            // in turn, each after a sync so that neither pays for the other's write-back
            int pairs = Math.max(repeat, COPY_PAIRS);
            for (int pair = 2; pair <= pairs; pair++) {
                progress("[" + spec.id() + "] pair " + pair + " of " + pairs + ": application, then cp -r");
                tools.sync();
                AppRun.Result again = app.run(runs.resolve("app-" + pair), bookDirs, List.of());
                checkApp(again, spec, "application");
                Tools.deleteTree(runs.resolve("app-" + pair));
                r.copySpans.add(again.bookSpan());
                r.copyWalls.add(copyAfterSync(tools, baselines, bookDirs.get(0), runs.resolve("cp-" + pair)).wall());
                Tools.deleteTree(runs.resolve("cp-" + pair));
            }
            progress("[" + spec.id() + "] the book arriving at a running service that has converted it once");
            tools.sync();
            r.warmSpan = app.warmSpan(runs.resolve("app-warm"), bookDirs.get(0));
            Tools.deleteTree(runs.resolve("app-warm"));
            BookReport first = r.app.books().get(spec.books().get(0).name());
            if (first != null && first.output() != null) {
                progress("[" + spec.id() + "] SHA-256 of the sources and the output in this JVM (what intake.json records)");
                List<Path> hashed = new ArrayList<>(sources.get(0).stream().map(SourceInfo::file).toList());
                hashed.add(first.output());
                r.checksumSeconds = Tools.sha256Seconds(hashed);
            }
        }

        // after every timed run of the case: the decodes (GStreamer's too) are never inside a timed window
        progress("[" + spec.id() + "] checking exactness (decoding every output with ffmpeg, the application's and the"
            + " exact baseline's with GStreamer too)");
        List<Callable<Object>> checks = new ArrayList<>();
        List<Integer> kinds = new ArrayList<>();
        for (int b = 0; b < spec.books().size(); b++) {
            List<SourceInfo> bookSources = sources.get(b);
            BookReport report = r.app.books().get(spec.books().get(b).name());
            Path appOut = report == null ? null : report.output();
            int appJoins = report == null ? 0 : joins(report, bookSources.size());
            for (Exactness.Decoder decoder : Exactness.Decoder.values()) {
                checks.add(() -> appOut == null ? Exactness.Result.missing(decoder, "no output")
                    : exactness.check(appOut, bookSources, decoder, appJoins));
                kinds.add(decoder == Exactness.Decoder.FFMPEG ? 0 : 4);
                Path e = exactOutputs.get(b);
                checks.add(() -> exactness.check(e, bookSources, decoder, 0));
                kinds.add(decoder == Exactness.Decoder.FFMPEG ? 1 : 5);
            }
            Path m = toolOutputs.get(b);
            // every file encoded alone, then joined by -c copy: a join per file boundary
            checks.add(() -> exactness.check(m, bookSources, Exactness.Decoder.FFMPEG, bookSources.size() - 1));
            kinds.add(2);
        }
        if (r.segmentStarts != null && r.segmentStarts.size() >= 2) {
            // the stretch target's seam check: the application's output decoded once more, every channel
            Path appOut = r.app.books().get(spec.books().get(0).name()).output();
            List<Long> joins = r.segmentStarts;
            checks.add(() -> new Seams(tools).measure(appOut, joins));
            kinds.add(3);
        }
        List<Object> checked = Tools.parallel(cores, checks);
        Exactness.Result[] worst = new Exactness.Result[6];
        for (int i = 0; i < checked.size(); i++) {
            int kind = kinds.get(i);
            if (kind == 3) {
                r.seams = (Seams.Result) checked.get(i);
            } else {
                worst[kind] = ((Exactness.Result) checked.get(i)).worst(worst[kind]);
            }
        }
        r.appExact = new Exactness.Verdict(worst[0], worst[4]);
        r.exactExact = new Exactness.Verdict(worst[1], worst[5]);
        r.toolExact = new Exactness.Verdict(worst[2], null);
        if (r.seams != null) {
            progress(Tools.fmt("[%s] seams: %d segments, largest jump at a join %.4f, elsewhere %.4f", spec.id(),
                r.segmentStarts.size(), r.seams.atJoins(), r.seams.elsewhere()));
        }
        progress(Tools.fmt("[%s] app %.1f s, exact baseline %.1f s, m4b-tool style %.1f s; exact: app %s, baseline %s, m4b-tool %s",
            spec.id(), r.app.usage().wall(), r.exact.wall(), r.tool.wall(), r.appExact.brief(), r.exactExact.brief(),
            r.toolExact.brief()));
        if (!keep) {
            Tools.deleteTree(runs);
        }
    }

    private static void checkApp(AppRun.Result result, CaseSpec spec, String what) {
        long missing = spec.books().stream().filter(b -> {
            BookReport report = result.books().get(b.name());
            return report == null || report.output() == null || Double.isNaN(report.doneAt());
        }).count();
        if (result.exitCode() != 0 || missing > 0) {
            throw new IllegalStateException(what + " exited " + result.exitCode() + " with " + missing
                + " book(s) not converted; log: " + result.log() + "\n" + Tools.tail(result.log(), 10));
        }
    }

    /**
     * How many joins the application's output of a book has, for the length tolerance: parts joined by stream copy
     * (intake.json mode stream_copy) join at every file boundary; a book encoded in separate time segments joins at
     * each segment start after the first; a book encoded in one piece has none, however many files it came from.
     */
    private static int joins(BookReport report, int files) {
        JsonNode manifest = report.manifest();
        if (manifest == null) {
            return 0;
        }
        if (manifest.path("mode").asText().equals("stream_copy")) {
            return files - 1;
        }
        JsonNode starts = manifest.path("audio").path("segmentStarts");
        return starts.isArray() ? Math.max(0, starts.size() - 1) : 0;
    }

    /** intake.json audio.segmentStarts of the case's (first) book; null when the key is absent (not encoded in the JVM). */
    private static List<Long> segmentStarts(AppRun.Result app, CaseSpec spec) {
        BookReport report = app.books().get(spec.books().get(0).name());
        JsonNode starts = report == null || report.manifest() == null ? null : report.manifest().path("audio").get("segmentStarts");
        if (starts == null || !starts.isArray()) {
            return null;
        }
        List<Long> list = new ArrayList<>();
        starts.forEach(s -> list.add(s.asLong()));
        return List.copyOf(list);
    }

    private static Format formatOf(AppRun.Result app, CaseSpec spec) {
        return app.anyManifest().map(m -> m.path("audio"))
            .filter(a -> a.path("bitrateKbps").asInt() > 0)
            .map(a -> new Format(a.path("bitrateKbps").asInt(), a.path("sampleRate").asInt(spec.rate()),
                a.path("channels").asInt(spec.channels())))
            .orElse(new Format(spec.kbps(), spec.rate(), spec.channels()));
    }

    // ------------------------------------------------------------------ the table

    private void table(List<CaseResult> results) {
        line("| case | run | wall s | book s | CPU s | JVM RSS MB | max RSS MB | speed ×RT | exact (per decoder: len Δ / chapter err, in samples) |");
        line("|---|---|---:|---:|---:|---:|---:|---:|---|");
        for (CaseResult r : results) {
            String id = r.spec.id();
            if (!r.error.isEmpty() && r.app == null) {
                line("| " + id + " | harness error: " + r.error.replace('\n', ' ').replace("|", "/") + " | | | | | | | |");
                continue;
            }
            double audio = r.spec.seconds();
            if (r.app != null) {
                String name = r.spec.backlog() ? "application (books in parallel)" : "application";
                appRow(id, name, r.app, audio, r.appExact);
            }
            if (r.appSequential != null) {
                appRow("", ONE_AT_A_TIME_NAME, r.appSequential, audio, null);
            }
            if (!r.error.isEmpty()) {
                line("| | harness error: " + r.error.replace('\n', ' ').replace("|", "/") + " | | | | | | | |");
                continue;
            }
            row("", r.spec.backlog() ? "exact 1-process baseline (one book at a time)" : "exact 1-process baseline",
                r.exact, audio, r.exactExact);
            row("", "m4b-tool-style baseline", r.tool, audio, r.toolExact);
            if (r.copy != null) {
                row("", "cp -r of the sources", r.copy, Double.NaN, null);
            }
        }
        line("");
        line("wall: the process (for the application: JVM start to exit); book: the application's own span, first book"
            + " started to last book done, as logged; CPU: user+sys of the process and every child it waited for"
            + " (ffmpeg included); JVM RSS: peak resident memory of the application's JVM alone (/proc VmHWM);"
            + " max RSS: the largest single process (GNU time %M); speed: audio duration / wall. exact: decoded by ffmpeg"
            + " and by GStreamer (gst); len Δ = decoded samples − the sources' total, allowed ±1024 × (1 + joins);"
            + " ch = the largest distance between a chapter mark and its file's true start in that decode, allowed 1024.");
    }

    private void appRow(String id, String name, AppRun.Result a, double audio, Exactness.Verdict exact) {
        line(Tools.fmt("| %s | %s | %.1f | %.1f | %s | %d | %s | %.0f | %s |", id, name, a.usage().wall(), a.bookSpan(),
            cpu(a.usage()), a.jvmPeakRssKb() / 1024, rss(a.usage()), audio / a.usage().wall(),
            exact == null ? "" : exact.brief()));
    }

    private void row(String id, String name, Usage u, double audio, Exactness.Verdict exact) {
        line(Tools.fmt("| %s | %s | %s | | %s | | %s | %s | %s |", id, name,
            u.wall() < 0.1 ? Tools.fmt("%.3f", u.wall()) : Tools.fmt("%.1f", u.wall()), cpu(u), rss(u),
            Double.isNaN(audio) ? "" : Tools.fmt("%.0f", audio / u.wall()), exact == null ? "" : exact.brief()));
    }

    private static String cpu(Usage u) {
        return Double.isNaN(u.cpu()) ? "n/a" : Tools.fmt("%.1f", u.cpu());
    }

    private static String rss(Usage u) {
        return u.maxRssKb() <= 0 ? "n/a" : String.valueOf(u.maxRssKb() / 1024);
    }

    // ------------------------------------------------------------------ the targets

    private boolean targets(List<CaseResult> results) {
        line("| target | measured | result |");
        line("|---|---|---|");
        boolean all = true;
        List<CaseResult> ok = results.stream().filter(r -> r.error.isEmpty()).toList();

        // exactness
        List<String> notExact = ok.stream().filter(r -> !r.appExact.exact()).map(r -> r.spec.id()).toList();
        all &= target("exactness: every application output, decoded by ffmpeg and by GStreamer, within 1024 samples per join"
                + " (1024 × (1 + joins)) of the sources' total, chapters within 1024 of the true starts",
            (ok.size() - notExact.size()) + "/" + ok.size() + " cases exact" + (notExact.isEmpty() ? "" : "; not exact: " + notExact),
            notExact.isEmpty() && !ok.isEmpty());
        List<String> playShort = ok.stream().filter(r -> r.appExact.gst().playsShort())
            .map(r -> Tools.fmt("%s (gst stops after %d of %d samples, %.1f %%)", r.spec.id(), r.appExact.gst().decoded(),
                r.appExact.gst().expected(), 100.0 * r.appExact.gst().decoded() / Math.max(1, r.appExact.gst().expected())))
            .toList();
        all &= target("every application output plays to the end in GStreamer (qtdemux; a GStreamer-based player)",
            (ok.size() - playShort.size()) + "/" + ok.size() + " cases play to the end" + (playShort.isEmpty() ? "" : "; short: "
                + String.join(", ", playShort)),
            playShort.isEmpty() && !ok.isEmpty());
        List<String> toolDrifts = ok.stream().filter(r -> !r.toolExact.exact()).map(r -> r.spec.id()).toList();
        info("exactness: the m4b-tool-style baseline drifts (expected)", "drifts on " + toolDrifts.size() + "/" + ok.size()
            + " cases; worst chapter error " + ok.stream().mapToLong(r -> r.toolExact.ffmpeg().chapterError()).max().orElse(0)
            + " samples, worst length error " + ok.stream().mapToLong(r -> Math.abs(r.toolExact.ffmpeg().lengthDelta())).max().orElse(0) + " samples",
            toolDrifts.isEmpty() ? "UNEXPECTED: baseline exact" : "drifts, as expected");
        List<String> exactBaselineOff = ok.stream().filter(r -> !r.exactExact.exact()).map(r -> r.spec.id()).toList();
        info("exactness: the exact single-process baseline is exact in ffmpeg and GStreamer (harness sanity)",
            (ok.size() - exactBaselineOff.size()) + "/" + ok.size() + " cases" + (exactBaselineOff.isEmpty() ? "" : "; not exact: " + exactBaselineOff),
            exactBaselineOff.isEmpty() ? "ok" : "CHECK");

        // one mp3 book alone
        for (CaseResult r : ok) {
            if (r.spec.aac() || r.spec.backlog()) {
                continue;
            }
            double book = r.app.bookSpan();
            List<Double> ratios = r.soloRatios.stream().sorted().toList();
            double ratio = median(ratios);
            String pairs = ratios.size() == 1 ? "" : Tools.fmt("median of %d pairs run in turn: %s; ", ratios.size(),
                list(ratios));
            all &= target("one mp3 book alone [" + r.spec.id() + "]: application ≤ " + SOLO_RATIO + " × exact baseline",
                Tools.fmt("%.2f × (%sfirst pair: book %.1f s / baseline %.1f s; the attempt alone %.2f ×; whole process incl. JVM start %.2f ×)",
                    ratio, pairs, book, r.exact.wall(), attemptSeconds(r.app) / r.exact.wall(), r.app.usage().wall() / r.exact.wall()),
                ratio <= SOLO_RATIO);
        }

        // backlog
        for (CaseResult r : ok) {
            if (!r.spec.backlog() || r.appSequential == null) {
                continue;
            }
            int n = r.spec.books().size();
            double parallel = r.app.bookSpan();
            double sequential = r.appSequential.bookSpan();
            double ratio = sequential / parallel;
            all &= target("backlog [" + r.spec.id() + "]: throughput ≥ " + THROUGHPUT_RATIO + " × one book at a time ("
                    + Runtime.getRuntime().availableProcessors() + " cores)",
                Tools.fmt("%.2f × (%d books: %.1f s one at a time, 1 encoder / %.1f s in parallel)", ratio, n, sequential, parallel),
                ratio >= THROUGHPUT_RATIO);
            double encode = r.exactPerBook.stream().mapToDouble(Double::doubleValue).sum();
            info("backlog [" + r.spec.id() + "]: throughput vs the exact baseline converting the books one after the other",
                Tools.fmt("%.2f × (%.1f s exact baseline, book by book / %.1f s application in parallel)", encode / parallel,
                    encode, parallel), "info");
            double overhead = (sequential - encode) / n;
            all &= target("backlog [" + r.spec.id() + "]: application overhead per book ≤ " + OVERHEAD_SECONDS + " s beyond the encode",
                Tools.fmt("%.2f s ((%.1f s one at a time, 1 encoder − %.1f s exact baseline, book by book) / %d)", overhead,
                    sequential, encode, n),
                overhead <= OVERHEAD_SECONDS);
            all &= rssStable(r);
        }

        // stretch: segment-parallel encode of one large book
        List<CaseResult> big = ok.stream().filter(r -> STRETCH_CASES.contains(r.spec.id())).toList();
        if (big.isEmpty()) {
            info(stretchName(String.join(", ", STRETCH_CASES)), "cases " + String.join(", ", STRETCH_CASES) + " not run",
                "NOT MEASURED");
        }
        for (CaseResult r : big) {
            all &= stretch(stretchName(r.spec.id()), r);
        }

        // AAC stream copy
        for (CaseResult r : ok) {
            if (!r.spec.aac() || r.copy == null) {
                continue;
            }
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < r.copySpans.size(); i++) {
                ratios.add(r.copySpans.get(i) / r.copyWalls.get(i));
            }
            double ratio = median(ratios);
            double cpMedian = median(r.copyWalls);
            all &= target("AAC sources [" + r.spec.id() + "]: stream copy ≤ " + COPY_RATIO + " × cp of the bytes",
                Tools.fmt("%.2f × (median of %d pairs in turn: book %s s, cp %s s; first pair: the attempt alone %.2f ×,"
                        + " whole process %.1f s; informative: the book arriving at a running service that converted it"
                        + " once, warm JVM, %.2f s = %.2f × the median cp; the SHA-256 of the sources and the output"
                        + " that intake.json records take %.2f s of one core here, JIT warm, = %.2f × the median cp;"
                        + " the median book against cp plus those checksums: %.2f ×)",
                    ratio, ratios.size(), list(r.copySpans), list(r.copyWalls), attemptSeconds(r.app) / r.copy.wall(),
                    r.app.usage().wall(), r.warmSpan, r.warmSpan / cpMedian, r.checksumSeconds, r.checksumSeconds / cpMedian,
                    median(r.copySpans) / (cpMedian + r.checksumSeconds)),
                ratio <= COPY_RATIO);
        }

        // JVM start and memory
        List<AppRun.Result> apps = new ArrayList<>();
        ok.forEach(r -> {
            apps.add(r.app);
            if (r.appSequential != null) {
                apps.add(r.appSequential);
            }
        });
        if (!apps.isEmpty()) {
            double[] ready = apps.stream().mapToDouble(AppRun.Result::readyAt).filter(d -> !Double.isNaN(d)).sorted().toArray();
            if (ready.length == 0) {
                info("JVM start to ready ≤ " + READY_SECONDS + " s", "Camel's 'started' line was not seen", "NOT MEASURED");
            } else {
                double worst = ready[ready.length - 1];
                all &= target("JVM start to ready ≤ " + READY_SECONDS + " s (launch to Camel's routes started)",
                    Tools.fmt("worst %.2f s, median %.2f s over %d starts", worst, ready[ready.length / 2], ready.length),
                    worst <= READY_SECONDS);
            }
            long rss = apps.stream().mapToLong(AppRun.Result::jvmMaxRssConvertingKb).max().orElse(0) / 1024;
            long hwm = apps.stream().mapToLong(AppRun.Result::jvmPeakRssKb).max().orElse(0) / 1024;
            all &= target("RSS of the service ≤ " + RSS_LIMIT_MB + " MB while converting (JVM alone, ffmpeg not counted)",
                Tools.fmt("%d MB at most while converting (peak over the whole run %d MB)", rss, hwm), rss <= RSS_LIMIT_MB && rss > 0);
        }
        return all;
    }

    private static String stretchName(String cases) {
        return "stretch [" + cases + "]: one large book encoded in parallel time segments, joined seamlessly, ≤ "
            + STRETCH_RATIO + " × exact baseline (" + Runtime.getRuntime().availableProcessors() + " cores)";
    }

    /**
     * The stretch target on one book: split into segments (intake.json segmentStarts), the single-book ratio (the
     * median of the pairs) ≤ {@link #STRETCH_RATIO}, exact, and no jump at a join larger than any elsewhere.
     */
    private boolean stretch(String name, CaseResult r) {
        if (r.segmentStarts == null) {
            return target(name, "the application did not encode the book in the JVM (no segmentStarts in intake.json)", false);
        }
        if (r.segmentStarts.size() < 2) {
            return target(name, "the application encoded the book in one piece", false);
        }
        List<Double> ratios = r.soloRatios.stream().sorted().toList();
        double ratio = median(ratios);
        String timing = ratios.size() == 1
            ? Tools.fmt("%.2f × (book %.1f s / baseline %.1f s)", ratio, r.app.bookSpan(), r.exact.wall())
            : Tools.fmt("%.2f × (median of %d pairs run in turn; first pair: book %.1f s / baseline %.1f s)", ratio,
                ratios.size(), r.app.bookSpan(), r.exact.wall());
        int rate = r.seams != null ? r.seams.rate() : formatOf(r.app, r.spec).rate();
        List<Long> joins = r.segmentStarts.subList(1, r.segmentStarts.size());
        String at = joins.stream().limit(3).map(j -> duration(j / (double) rate))
            .collect(java.util.stream.Collectors.joining(", ")) + (joins.size() > 3 ? ", …" : "");
        String seams = r.seams == null ? "joins not checked"
            : Tools.fmt("largest jump at a join %.4f, elsewhere %.4f", r.seams.atJoins(), r.seams.elsewhere());
        boolean exact = r.appExact != null && r.appExact.exact();
        boolean seamless = r.seams != null && r.seams.seamless();
        return target(name, Tools.fmt("%s; %d segments, joins at %s; %s; %s", timing, r.segmentStarts.size(), at, seams,
            exact ? "exact" : "NOT exact (" + (r.appExact == null ? "not checked" : r.appExact.brief()) + ")"),
            ratio <= STRETCH_RATIO && exact && seamless);
    }

    private static String duration(double seconds) {
        return seconds >= 3600 ? Tools.fmt("%.2f h", seconds / 3600)
            : seconds >= 60 ? Tools.fmt("%.1f min", seconds / 60) : Tools.fmt("%.1f s", seconds);
    }

    /** {@code cp -r} of a book into {@code dir}/copy, after a sync so it does not pay for earlier writes. */
    private static Usage copyAfterSync(Tools tools, Baselines baselines, Path bookDir, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tools.sync();
        return baselines.copy(bookDir, dir.resolve("copy"));
    }

    /** The middle value (the upper one of an even count). */
    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Seconds or ratios as "0.81, 0.93, …", in the order measured. */
    private static String list(List<Double> values) {
        return values.stream().map(x -> Tools.fmt("%.2f", x)).collect(java.util.stream.Collectors.joining(", "));
    }

    /** The application's attempts (intake.json startedAt → finishedAt), summed over the run's books. */
    private static double attemptSeconds(AppRun.Result a) {
        double total = 0;
        for (BookReport b : a.books().values()) {
            JsonNode m = b.manifest();
            if (m != null && m.hasNonNull("startedAt") && m.hasNonNull("finishedAt")) {
                total += (Instant.parse(m.get("finishedAt").asText()).toEpochMilli()
                    - Instant.parse(m.get("startedAt").asText()).toEpochMilli()) / 1000.0;
            }
        }
        return total;
    }

    private boolean rssStable(CaseResult r) {
        int n = r.spec.books().size();
        String name = "backlog [" + r.spec.id() + "]: service RSS stable (no growth after the first " + RSS_STABLE_AFTER + " books)";
        if (n <= RSS_STABLE_AFTER) {
            info(name, n + " books only", "NOT MEASURED");
            return true;
        }
        double ready = Double.isNaN(r.app.readyAt()) ? 0 : r.app.readyAt();
        long early = r.app.rss().stream().filter(s -> s.at() >= ready && s.booksDone() < RSS_STABLE_AFTER)
            .mapToLong(AppRun.RssSample::rssKb).max().orElse(0);
        long late = r.app.rss().stream().filter(s -> s.booksDone() >= RSS_STABLE_AFTER && s.booksDone() < n)
            .mapToLong(AppRun.RssSample::rssKb).max().orElse(0);
        boolean pass = early > 0 && late <= early * (1 + RSS_GROWTH);
        return target(name, Tools.fmt("peak %d MB over books 1–%d, %d MB over books %d–%d (allowed +%.0f %%)", early / 1024,
            RSS_STABLE_AFTER, late / 1024, RSS_STABLE_AFTER + 1, n, RSS_GROWTH * 100), pass);
    }

    private boolean target(String what, String measured, boolean pass) {
        line("| " + what + " | " + measured + " | " + (pass ? "PASS" : "FAIL") + " |");
        return pass;
    }

    private void info(String what, String measured, String verdict) {
        line("| " + what + " | " + measured + " | " + verdict + " |");
    }

    // ------------------------------------------------------------------ details: where the application's time goes

    private void details(List<CaseResult> results) {
        line("Where the application's time goes (seconds; from its log, timed as it arrives, and each book's intake.json):");
        line("");
        line("| case | run | JVM ready | first book logged | per book: logged → attempt | attempt | probe | audio | deliver | other (mux, checks) | attempt end → done logged | last done → exit |");
        line("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (CaseResult r : results) {
            if (r.app != null) {
                detailRow(r.spec.id(), r.spec.backlog() ? "parallel" : "", r.app);
            }
            if (r.appSequential != null) {
                detailRow("", "one at a time (1 encoder)", r.appSequential);
            }
        }
        line("");
        line("per book: mean over the run's books. attempt: intake.json startedAt → finishedAt; probe, audio (the encode"
            + " or join) and deliver: its timings; other = attempt − probe − audio − deliver (the mux pass, checks);"
            + " logged → attempt: from the scanner's 'started' line to the attempt's start (in a backlog: the queue).");
        for (CaseResult r : results) {
            line(Tools.fmt("corpus %s: generated in %.1f s, sources decoded in %.1f s (cached between runs)",
                r.spec.id(), r.generateSeconds, r.analyzeSeconds));
        }
        // what the audio itself costs the encoder (speech against noise), whatever the machine's load did to the walls
        for (CaseResult r : results) {
            if (r.app != null && r.exact.wall() > 0 && !Double.isNaN(r.exact.cpu())) {
                double hours = r.spec.seconds() / 3600;
                line(Tools.fmt("CPU per hour of audio, %s (%s): exact baseline %.1f s, application %.1f s",
                    r.spec.id(), r.spec.audio() == Corpus.Audio.SPEECH ? "speech" : "pink noise", r.exact.cpu() / hours,
                    r.app.usage().cpu() / hours));
            }
        }
    }

    private void detailRow(String id, String run, AppRun.Result a) {
        double[] sum = new double[7];
        int n = 0;
        for (BookReport b : a.books().values()) {
            JsonNode m = b.manifest();
            if (m == null || !m.hasNonNull("startedAt") || !m.hasNonNull("finishedAt")) {
                continue;
            }
            double attemptStart = (Instant.parse(m.get("startedAt").asText()).toEpochMilli() - a.startEpochMillis()) / 1000.0;
            double attemptEnd = (Instant.parse(m.get("finishedAt").asText()).toEpochMilli() - a.startEpochMillis()) / 1000.0;
            JsonNode timings = m.path("timings");
            double probe = timings.path("probeMillis").asDouble() / 1000;
            double audio = timings.path("audioMillis").asDouble() / 1000;
            double deliver = timings.path("deliverMillis").asDouble() / 1000;
            double attempt = attemptEnd - attemptStart;
            double[] values = {attemptStart - b.startedAt(), attempt, probe, audio, deliver, attempt - probe - audio - deliver,
                b.doneAt() - attemptEnd};
            for (int i = 0; i < values.length; i++) {
                sum[i] += values[i];
            }
            n++;
        }
        n = Math.max(n, 1);
        double firstStart = a.books().values().stream().mapToDouble(BookReport::startedAt).min().orElse(Double.NaN);
        double lastDone = a.books().values().stream().mapToDouble(BookReport::doneAt).max().orElse(Double.NaN);
        line(Tools.fmt("| %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |", id, run,
            a.readyAt(), firstStart, sum[0] / n, sum[1] / n, sum[2] / n, sum[3] / n, sum[4] / n, sum[5] / n, sum[6] / n,
            a.usage().wall() - lastDone));
    }

    // ------------------------------------------------------------------ plumbing

    private static List<String> selectCases(String value) {
        if (value == null || value.isBlank() || value.equals("all")) {
            return Corpus.ALL;
        }
        List<String> ids = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String id : ids) {
            if (!Corpus.ALL.contains(id)) {
                throw new IllegalArgumentException("unknown case " + id + "; cases: " + Corpus.ALL);
            }
        }
        return ids;
    }

    private static List<String> splitArgs(String value) {
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s+"));
    }

    private String machine(Tools tools) {
        String cpu = "unknown CPU";
        String mem = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
            mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GB RAM").orElse("");
        } catch (IOException | RuntimeException ignored) {
            // not Linux: described less precisely
        }
        String ffmpeg = tools.capture(tools.ffmpeg(List.of("-hide_banner", "-version"))).lines().findFirst().orElse("ffmpeg");
        return Tools.fmt("machine: %s, %d cores, %s; %s %s; %s (bundled); %s (second decoder); m4b-tool-style baseline %d encoders at a time; %s",
            cpu, Runtime.getRuntime().availableProcessors(), mem, System.getProperty("java.vm.name"),
            System.getProperty("java.version"), ffmpeg, tools.gstreamerVersion(), cores, Instant.now());
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static void progress(String message) {
        System.out.println(Tools.fmt("[bench %s] %s", java.time.LocalTime.now().withNano(0), message));
        System.out.flush();
    }

    private void line(String text) {
        System.out.println(text);
        report.append(text).append('\n');
    }

    private void writeReport() {
        try {
            Files.createDirectories(work);
            Path file = work.resolve("report-" + java.time.LocalDateTime.now().withNano(0).toString().replace(':', '-') + ".md");
            Files.writeString(file, report, StandardCharsets.UTF_8);
            System.out.println("(report written to " + file + ")");
        } catch (IOException e) {
            System.out.println("(could not write the report: " + e.getMessage() + ")");
        }
    }
}
