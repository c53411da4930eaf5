package org.automb.convert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.automb.intake.Book;
import org.automb.jobs.BookFailure;
import org.automb.jobs.PermanentFailure;
import org.automb.jobs.TransientFailure;

/** Probes every audio file of a book with ffprobe, several files at once (a 300-file book is probed in seconds). */
public final class ProbeRunner {

    private final FfmpegTools tools;
    private final ExecRunner exec;
    private final ProbeParser parser;
    private final ExecutorService probePool;

    public ProbeRunner(FfmpegTools tools, ExecRunner exec, ProbeParser parser, ExecutorService probePool) {
        this.tools = tools;
        this.exec = exec;
        this.parser = parser;
        this.probePool = probePool;
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
        CommandResult result = exec.run(tools.ffprobeCommand(parser.probeArguments(file)));
        if (!result.succeeded()) {
            throw new PermanentFailure(book.key(), file, "ffprobe cannot read the file: it is not valid audio",
                result.lastErrorLines(5));
        }
        try {
            return parser.parse(file, size, result.stdout());
        } catch (RuntimeException e) {
            throw new PermanentFailure(book.key(), file, e.getMessage(), e);
        }
    }
}
