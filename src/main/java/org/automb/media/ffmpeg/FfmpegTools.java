package org.automb.media.ffmpeg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.automb.media.libav.MissingLibrary;
import org.bytedeco.javacpp.Loader;

/**
 * How to start ffmpeg and ffprobe: the executables bundled in {@code org.bytedeco:ffmpeg}
 * unless {@code FFMPEG_PATH} / {@code FFPROBE_PATH} name others.
 *
 * <p>Each command is a prefix of an argument list (never a shell string). The bundled executables
 * find their own libraries through {@code $ORIGIN}, but those libraries' dependencies (libva) are only
 * found through {@code LD_LIBRARY_PATH}, so the bundled prefix is {@code env LD_LIBRARY_PATH=<dir> <exe>};
 * {@code env} execs the program directly, no shell is involved.
 *
 * <p>The bundled programs are extracted the first time a command is asked for, not at start: the default path
 * (probe, encoder, metadata shell in the JVM) never runs them, and loading them loads libavdevice, which needs
 * PulseAudio, ALSA and XCB libraries a server may not have. When they cannot load, asking for a command fails
 * with a message naming the missing library and its Debian package.
 */
public final class FfmpegTools {

    private final Program ffmpeg;
    private final Program ffprobe;
    /** Why the bundled programs could not be loaded: a second try fails only with "could not initialize class". */
    private String loadFailure;

    private FfmpegTools(String ffmpegOverride, String ffprobeOverride) {
        // the program classes are named in lambdas: not even loaded until a command is asked for
        this.ffmpeg = new Program(isSet(ffmpegOverride) ? List.of(ffmpegOverride) : null,
            () -> bundled(org.bytedeco.ffmpeg.ffmpeg.class));
        this.ffprobe = new Program(isSet(ffprobeOverride) ? List.of(ffprobeOverride) : null,
            () -> bundled(org.bytedeco.ffmpeg.ffprobe.class));
    }

    /** The executables named (blank: the bundled ones, extracted from the jar when first used). */
    public static FfmpegTools resolve(String ffmpegOverride, String ffprobeOverride) {
        return new FfmpegTools(ffmpegOverride, ffprobeOverride);
    }

    /** One program's command prefix, named or bundled (loaded once, when first asked for). */
    private static final class Program {
        private final Supplier<List<String>> bundled;
        private List<String> prefix;

        Program(List<String> named, Supplier<List<String>> bundled) {
            this.prefix = named;
            this.bundled = bundled;
        }

        synchronized List<String> prefix() {
            if (prefix == null) {
                prefix = bundled.get();
            }
            return prefix;
        }
    }

    /**
     * Why the programs cannot be used here ("cannot be loaded: libpulse.so.0 is missing…"), or empty when both load
     * (extracting the bundled ones now if they are used). Named programs are taken as they are.
     */
    public Optional<String> unavailable() {
        try {
            ffmpeg.prefix();
            ffprobe.prefix();
            return Optional.empty();
        } catch (IllegalStateException e) {
            return Optional.of(e.getMessage().replaceFirst("^the bundled ffmpeg and ffprobe programs ", ""));
        }
    }

    /** The full argument list that runs ffmpeg with {@code args}. */
    public List<String> ffmpegCommand(List<String> args) {
        return join(ffmpeg.prefix(), args);
    }

    /** The full argument list that runs ffprobe with {@code args}. */
    public List<String> ffprobeCommand(List<String> args) {
        return join(ffprobe.prefix(), args);
    }

    private static List<String> join(List<String> prefix, List<String> args) {
        List<String> command = new ArrayList<>(prefix.size() + args.size());
        command.addAll(prefix);
        command.addAll(args);
        return command;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private synchronized List<String> bundled(Class<?> program) {
        if (loadFailure != null) {
            throw new IllegalStateException(loadFailure);
        }
        String path;
        try {
            path = Loader.load(program);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            // the JVM keeps a class whose initialisation failed unusable: only a restart loads it again
            loadFailure = MissingLibrary.explain("the bundled ffmpeg and ffprobe programs", e,
                "or set FFMPEG_PATH and FFPROBE_PATH (the bundled programs need " + MissingLibrary.PROGRAM_PACKAGES
                    + " on Debian/Ubuntu; restart auto-m4b once they are installed)");
            // the loader's message as a suppressed error: the stack trace keeps it, the one-line reason does not
            IllegalStateException failure = new IllegalStateException(loadFailure);
            failure.addSuppressed(e);
            throw failure;
        }
        if (path == null || !Files.isExecutable(Path.of(path))) {
            throw new IllegalStateException("the bundled " + program.getSimpleName() + " could not be extracted");
        }
        Path dir = Path.of(path).getParent();
        linkUnversionedLibrary(dir, "libva.so", "libva.so.2");
        linkUnversionedLibrary(dir, "libva-drm.so", "libva-drm.so.2");
        return List.of("env", "LD_LIBRARY_PATH=" + dir, path);
    }

    /** JavaCPP ships libva under its unversioned name only; the loader looks for the soname. */
    private static void linkUnversionedLibrary(Path dir, String file, String soname) {
        Path link = dir.resolve(soname);
        if (Files.exists(dir.resolve(file)) && !Files.exists(link)) {
            try {
                Files.createSymbolicLink(link, Path.of(file));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another JVM extracting the same cache created it first
            } catch (IOException e) {
                throw new UncheckedIOException("cannot link " + link, e);
            }
        }
    }
}
