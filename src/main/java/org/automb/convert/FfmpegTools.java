package org.automb.convert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Loader;

/**
 * How to start ffmpeg and ffprobe: the executables bundled in {@code org.bytedeco:ffmpeg}
 * unless {@code FFMPEG_PATH} / {@code FFPROBE_PATH} name others.
 *
 * <p>Each command is a prefix of an argument list (never a shell string). The bundled executables
 * find their own libraries through {@code $ORIGIN}, but those libraries' dependencies (libva) are only
 * found through {@code LD_LIBRARY_PATH}, so the bundled prefix is {@code env LD_LIBRARY_PATH=<dir> <exe>};
 * {@code env} execs the program directly, no shell is involved.
 */
public record FfmpegTools(List<String> ffmpeg, List<String> ffprobe) {

    public FfmpegTools {
        ffmpeg = List.copyOf(ffmpeg);
        ffprobe = List.copyOf(ffprobe);
    }

    /** Resolves the executables, extracting the bundled ones from the jar on first use. */
    public static FfmpegTools resolve(String ffmpegOverride, String ffprobeOverride) {
        List<String> ffmpeg = isSet(ffmpegOverride) ? List.of(ffmpegOverride) : bundled(org.bytedeco.ffmpeg.ffmpeg.class);
        List<String> ffprobe = isSet(ffprobeOverride) ? List.of(ffprobeOverride) : bundled(org.bytedeco.ffmpeg.ffprobe.class);
        return new FfmpegTools(ffmpeg, ffprobe);
    }

    /** The full argument list that runs ffmpeg with {@code args}. */
    public List<String> ffmpegCommand(List<String> args) {
        return join(ffmpeg, args);
    }

    /** The full argument list that runs ffprobe with {@code args}. */
    public List<String> ffprobeCommand(List<String> args) {
        return join(ffprobe, args);
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

    private static List<String> bundled(Class<?> program) {
        String path;
        try {
            path = Loader.load(program);
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("the bundled ffmpeg cannot load its libraries (" + e.getMessage()
                    + "); on Debian/Ubuntu install libpulse0, or set FFMPEG_PATH and FFPROBE_PATH", e);
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
