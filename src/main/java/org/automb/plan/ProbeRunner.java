package org.automb.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.automb.failure.BookFailure;
import org.automb.failure.PermanentFailure;
import org.automb.failure.TransientFailure;
import org.automb.intake.Book;
import org.automb.media.AudioSource;
import org.automb.media.ffmpeg.CommandResult;
import org.automb.media.ffmpeg.ExecRunner;
import org.automb.media.ffmpeg.FfmpegTools;

/**
 * Probes every audio file of a book, several files at once: inside the JVM through the bundled libavformat when
 * it loads (no process per file), with the ffprobe executable otherwise.
 */
public final class ProbeRunner {

    private final FfmpegTools tools;
    private final ExecRunner exec;
    private final ProbeParser parser;
    private final ExecutorService probePool;
    private final Optional<LibavProbe> libav;

    public ProbeRunner(FfmpegTools tools, ExecRunner exec, ProbeParser parser, ExecutorService probePool,
                       Optional<LibavProbe> libav) {
        this.tools = tools;
        this.exec = exec;
        this.parser = parser;
        this.probePool = probePool;
        this.libav = libav;
    }

    /** The book's sources in play order; fails naming the first file that cannot be read. */
    public List<AudioSource> probeAll(Book book) {
        List<CompletableFuture<AudioSource>> probes = new ArrayList<>();
        for (Path file : book.audioFiles()) {
            probes.add(CompletableFuture.supplyAsync(() -> probe(book, file), probePool));
        }
        List<AudioSource> sources = new ArrayList<>();
        for (CompletableFuture<AudioSource> probe : probes) {
            try {
                sources.add(probe.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof BookFailure failure) {
                    throw failure;
                }
                throw e;
            }
        }
        return sources;
    }

    /** Probes one file. */
    public AudioSource probe(Book book, Path file) {
        long size;
        try {
            if (!Files.isReadable(file)) {
                throw new PermanentFailure(book.key(), file, "the file cannot be read (permission denied)", "");
            }
            size = Files.size(file);
        } catch (IOException e) {
            throw new TransientFailure(book.key(), file, "the file cannot be read: " + e.getMessage(), e);
        }
        if (size == 0) {
            throw new PermanentFailure(book.key(), file, "the file is empty (0 bytes)", "");
        }
        try {
            if (libav.isPresent()) {
                return parser.parse(file, size, libav.get().probe(file));
            }
            CommandResult result = exec.run(tools.ffprobeCommand(parser.probeArguments(file)));
            if (!result.succeeded()) {
                throw unreadable(book, file, result.lastErrorLines(5));
            }
            return parser.parse(file, size, result.stdout(), result.stderr());
        } catch (LibavProbe.Unreadable e) {
            throw unreadable(book, file, e.getMessage());
        } catch (BookFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PermanentFailure(book.key(), file, e.getMessage(), e);
        }
    }

    private static PermanentFailure unreadable(Book book, Path file, String detail) {
        return new PermanentFailure(book.key(), file, "ffprobe cannot read the file: it is not valid audio", detail);
    }
}
