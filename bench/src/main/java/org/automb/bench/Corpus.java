package org.automb.bench;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The benchmark's books, generated with the bundled ffmpeg: pink noise, slowly amplitude-modulated (never silent,
 * never stationary), a different seed per file so every file's opening can be found again in an output by
 * correlation; or, for the speech case, speech from espeak-ng over a quiet room-noise floor (what audiobooks hold,
 * and what costs the AAC encoder more). Files of a book vary in length (±15 %) and are not a whole number of frames long.
 *
 * <p>The sizes scale with {@code bench.scale}: durations times the scale; file and book counts times the scale with
 * a floor, so a smoke run keeps the shape of each case (many files, many books).
 */
final class Corpus {

    /** One file to generate. */
    record FileSpec(String name, double seconds, int seed, String title) {
    }

    record BookSpec(String name, List<FileSpec> files) {
        double seconds() {
            return files.stream().mapToDouble(FileSpec::seconds).sum();
        }
    }

    /** What a case's files sound like. */
    enum Audio {
        /** Full-band pink noise, amplitude-modulated ({@link #FILTER}). */
        PINK_NOISE,
        /** espeak-ng speech (seeded text, voice and speed per file) over a pink room-noise floor ({@link Speech}). */
        SPEECH
    }

    /** A benchmark case: its books, their source format and what they sound like. */
    record CaseSpec(String id, String description, String codec, int kbps, int channels, int rate, Audio audio,
                    List<BookSpec> books) {
        boolean aac() {
            return codec.equals("aac");
        }

        boolean backlog() {
            return books.size() > 1;
        }

        double seconds() {
            return books.stream().mapToDouble(BookSpec::seconds).sum();
        }

        int fileCount() {
            return books.stream().mapToInt(b -> b.files().size()).sum();
        }

        String extension() {
            return aac() ? ".m4a" : ".mp3";
        }
    }

    /**
     * Full-band pink noise, slowly amplitude-modulated; the encoders apply their own low-pass, as with real files.
     * (A low-passed source makes the AAC encoder's speed depend on whether it is fed float or 16-bit samples: the
     * 16-bit rounding noise fills the empty bands. Real recordings have a noise floor, so that would be an artifact.)
     */
    static final String FILTER = "tremolo=f=2.5:d=0.5";

    static final List<String> ALL = List.of("mp3-10h-40", "mp3-2h-2", "mp3-300", "aac-parts", "backlog-50", "speech-10h");

    static CaseSpec spec(String id, double scale) {
        return switch (id) {
            // the cases at scale 1
            case "mp3-10h-40" -> single(id, "10 h book, 40 mp3 files, 64 kbps mono", "mp3", 64, 1,
                count(40, 4, scale), 10 * 3600 * scale, 1000);
            case "mp3-2h-2" -> single(id, "2 h book, 2 large mp3 files, 128 kbps stereo", "mp3", 128, 2,
                2, 2 * 3600 * scale, 2000);
            case "mp3-300" -> single(id, "300-file book (1 min each), mp3 64 kbps mono", "mp3", 64, 1,
                count(300, 30, scale), 5 * 3600 * scale, 3000);
            case "aac-parts" -> single(id, "10 h book, 20 AAC m4a parts (stream copy)", "aac", 64, 1,
                count(20, 4, scale), 10 * 3600 * scale, 4000);
            case "backlog-50" -> backlog(id, scale);
            // audiobooks are speech: the same shape as mp3-10h-40, but what the AAC encoder works hardest on
            case "speech-10h" -> single(id, "10 h book of speech, 40 mp3 files, 64 kbps mono", "mp3", 64, 1,
                count(40, 4, scale), 10 * 3600 * scale, 6000, Audio.SPEECH);
            default -> throw new IllegalArgumentException("unknown case " + id + " (cases: " + ALL + ")");
        };
    }

    private static int count(int full, int floor, double scale) {
        return Math.max(Math.min(floor, full), (int) Math.round(full * Math.min(1.0, scale)));
    }

    private static CaseSpec single(String id, String description, String codec, int kbps, int channels, int files,
                                   double totalSeconds, int seedBase) {
        return single(id, description, codec, kbps, channels, files, totalSeconds, seedBase, Audio.PINK_NOISE);
    }

    private static CaseSpec single(String id, String description, String codec, int kbps, int channels, int files,
                                   double totalSeconds, int seedBase, Audio audio) {
        String book = "Bench " + id;
        return new CaseSpec(id, description, codec, kbps, channels, 44100, audio,
            List.of(new BookSpec(book, files(book, files, totalSeconds, seedBase, codec.equals("aac") ? ".m4a" : ".mp3"))));
    }

    /** 50 short books dropped at once: 3 mp3 files of about 4 min each (12 min per book) at scale 1. */
    private static CaseSpec backlog(String id, double scale) {
        int books = count(50, 12, scale);
        List<BookSpec> specs = new ArrayList<>();
        for (int b = 1; b <= books; b++) {
            String name = Tools.fmt("Backlog Book %02d", b);
            specs.add(new BookSpec(name, files(name, 3, 12 * 60 * scale, 5000 + 10 * b, ".mp3")));
        }
        return new CaseSpec(id, books + " short books (3 mp3 files, 64 kbps mono) dropped at once", "mp3", 64, 1, 44100, Audio.PINK_NOISE, specs);
    }

    private static List<FileSpec> files(String book, int n, double totalSeconds, int seedBase, String ext) {
        double[] weights = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double r = Math.abs(Math.sin((i + 1) * 12.9898 + seedBase * 78.233) * 43758.5453) % 1.0;
            weights[i] = 0.85 + 0.3 * r;
            sum += weights[i];
        }
        List<FileSpec> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // millisecond lengths: never a whole number of AAC or mp3 frames
            double seconds = Math.max(1.0, Math.round(totalSeconds * weights[i] / sum * 1000 + 0.37) / 1000.0);
            files.add(new FileSpec(Tools.fmt("%03d - %s part %d%s", i + 1, book, i + 1, ext), seconds, seedBase + i,
                "Chapter " + (i + 1)));
        }
        return files;
    }

    /** Where the case's files live; generated once per scale and reused while the marker says they are complete. */
    static Path dir(Path work, CaseSpec spec, double scale) {
        return work.resolve("corpus").resolve(spec.id() + "-s" + Tools.fmt("%s", scale));
    }

    static void generate(Tools tools, CaseSpec spec, Path dir, int threads) {
        Path marker = dir.resolve(".complete");
        String fingerprint = spec + " " + (spec.audio() == Audio.SPEECH ? Speech.fingerprint(tools) : FILTER);
        try {
            if (Files.exists(marker) && Files.readString(marker).equals(fingerprint)) {
                return;
            }
            Tools.deleteTree(dir);
            Files.createDirectories(dir.resolve(".logs"));
            List<Callable<Void>> tasks = new ArrayList<>();
            for (BookSpec book : spec.books()) {
                Path bookDir = dir.resolve(book.name());
                Files.createDirectories(bookDir);
                for (FileSpec file : book.files()) {
                    tasks.add(() -> {
                        generateFile(tools, spec, book, file, bookDir, dir.resolve(".logs"));
                        return null;
                    });
                }
            }
            Tools.parallel(threads, tasks);
            Files.writeString(marker, fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void generateFile(Tools tools, CaseSpec spec, BookSpec book, FileSpec file, Path bookDir, Path logs) throws IOException {
        Path target = bookDir.resolve(file.name());
        Path partial = bookDir.resolve(".partial-" + file.seed() + spec.extension());
        Path speech = bookDir.resolve(".speech-" + file.seed() + ".wav");
        List<String> args = new ArrayList<>(List.of("-nostdin", "-hide_banner", "-v", "error", "-y"));
        if (spec.audio() == Audio.SPEECH) {
            Speech.speak(tools, file, speech, bookDir, logs);
            args.addAll(Speech.mixArgs(file, speech, spec.rate()));
        } else {
            args.addAll(List.of("-f", "lavfi", "-i", Tools.fmt("anoisesrc=color=pink:amplitude=0.25:seed=%d:sample_rate=%d:duration=%.3f",
                file.seed(), spec.rate(), file.seconds()), "-af", FILTER));
        }
        args.addAll(List.of("-ac", String.valueOf(spec.channels())));
        if (spec.aac()) {
            args.addAll(List.of("-c:a", "aac", "-b:a", spec.kbps() + "k", "-f", "mp4"));
        } else {
            args.addAll(List.of("-c:a", "libmp3lame", "-compression_level", "7", "-b:a", spec.kbps() + "k", "-f", "mp3"));
        }
        args.addAll(List.of("-metadata", "title=" + file.title(), "-metadata", "album=" + book.name(),
            "-metadata", "artist=Bench Author", partial.toString()));
        tools.timed(tools.ffmpeg(args), bookDir, null, logs.resolve("gen-" + file.seed() + ".log"));
        Files.deleteIfExists(speech);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    }

    // ------------------------------------------------------------------ the sources' truth

    /** A source as decoded: its exact sample count and its first samples (mono), to find it again in an output. */
    record SourceInfo(Path file, long samples, int rate, short[] opening) {
    }

    static final int OPENING = 8192;

    /** Decodes every source once (cached beside the corpus) to learn its true length and opening. */
    static List<List<SourceInfo>> analyze(Tools tools, CaseSpec spec, Path dir, int threads) {
        List<List<SourceInfo>> books = new ArrayList<>();
        List<Callable<SourceInfo>> tasks = new ArrayList<>();
        for (BookSpec book : spec.books()) {
            for (FileSpec file : book.files()) {
                Path source = dir.resolve(book.name()).resolve(file.name());
                tasks.add(() -> analyzeOne(tools, source, spec.rate(), dir.resolve(".analysis").resolve(file.seed() + ".bin")));
            }
        }
        List<SourceInfo> all = Tools.parallel(threads, tasks);
        int k = 0;
        for (BookSpec book : spec.books()) {
            books.add(List.copyOf(all.subList(k, k + book.files().size())));
            k += book.files().size();
        }
        return books;
    }

    private static SourceInfo analyzeOne(Tools tools, Path source, int rate, Path cache) throws IOException {
        if (Files.exists(cache)) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(cache)))) {
                long samples = in.readLong();
                int r = in.readInt();
                short[] opening = new short[in.readInt()];
                for (int i = 0; i < opening.length; i++) {
                    opening[i] = in.readShort();
                }
                return new SourceInfo(source, samples, r, opening);
            }
        }
        short[] opening = new short[OPENING];
        long samples = decode(tools, source, (buf, n, pos) -> {
            for (int i = 0; i < n && pos + i < OPENING; i++) {
                opening[(int) (pos + i)] = buf[i];
            }
        });
        short[] kept = java.util.Arrays.copyOf(opening, (int) Math.min(OPENING, samples));
        Files.createDirectories(cache.getParent());
        Path partial = cache.resolveSibling(cache.getFileName() + ".partial");
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(partial)))) {
            out.writeLong(samples);
            out.writeInt(rate);
            out.writeInt(kept.length);
            for (short s : kept) {
                out.writeShort(s);
            }
        }
        Files.move(partial, cache, StandardCopyOption.REPLACE_EXISTING);
        return new SourceInfo(source, samples, rate, kept);
    }

    /** Receives decoded mono samples: {@code n} samples of {@code buf}, the first at {@code position}. */
    interface SampleSink {
        void accept(short[] buf, int n, long position);
    }

    /**
     * Decodes the first audio stream of {@code file} to mono 16-bit PCM at its own rate (no resampling: the caller
     * compares rates) and streams it to {@code sink}; returns the number of samples. The decoder honours the container's priming
     * and padding (mp3 LAME header, MP4 edit list), as a player does.
     */
    static long decode(Tools tools, Path file, SampleSink sink) {
        return stream(tools.ffmpeg(List.of("-nostdin", "-hide_banner", "-v", "error", "-i", file.toString(),
            "-map", "0:a:0", "-ac", "1", "-c:a", "pcm_s16le", "-f", "s16le", "pipe:1")), "ffmpeg", file, sink);
    }

    /**
     * The same with GStreamer, as a GStreamer-based player reads an MP4 file: {@code qtdemux} (its edit list
     * handling), the first audio stream, {@code decodebin} (avdec_aac), downmixed to mono 16-bit at the stream's
     * own rate, streamed from {@code fdsink} to us. Never a shell: gst-launch-1.0 escapes each argument itself.
     */
    static long decodeWithGstreamer(Tools tools, Path file, SampleSink sink) {
        return stream(tools.gstreamerDecode(file), "GStreamer (gst-launch-1.0)", file, sink);
    }

    /** Runs a decoder that writes s16le mono to stdout and feeds it to {@code sink} as it arrives, never held whole. */
    private static long stream(List<String> cmd, String decoder, Path file, SampleSink sink) {
        Path errors = null;
        try {
            errors = Files.createTempFile("bench-decode", ".log");
            Process p = new ProcessBuilder(cmd).redirectError(errors.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            long position = 0;
            byte[] bytes = new byte[1 << 16];
            short[] samples = new short[bytes.length / 2];
            int carry = 0;
            try (InputStream in = p.getInputStream()) {
                int n;
                while ((n = in.read(bytes, carry, bytes.length - carry)) > 0) {
                    int total = carry + n;
                    int count = total / 2;
                    for (int i = 0; i < count; i++) {
                        samples[i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
                    }
                    sink.accept(samples, count, position);
                    position += count;
                    carry = total - 2 * count;
                    if (carry == 1) {
                        bytes[0] = bytes[total - 1];
                    }
                }
            }
            int exit = p.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(decoder + " could not decode " + file + " (exit " + exit + ")\n"
                    + Tools.tail(errors, 6));
            }
            return position;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (errors != null) {
                try {
                    Files.deleteIfExists(errors);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }
}
