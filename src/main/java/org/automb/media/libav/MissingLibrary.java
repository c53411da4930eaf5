package org.automb.media.libav;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A system library the bundled ffmpeg needs and the machine lacks, named as the dynamic loader names it in an
 * {@link UnsatisfiedLinkError} ({@code …/libjniavdevice.so: libpulse.so.0: cannot open shared object file…}), with
 * the Debian/Ubuntu package that provides it.
 *
 * @param soname the library's file name, e.g. {@code libpulse.so.0}
 */
public record MissingLibrary(String soname) {

    /** The loader's words for a library it cannot find; the name is the last path element before them. */
    private static final Pattern NOT_FOUND =
        Pattern.compile("(?:^|[\\s/:])([\\w.+-]+\\.so(?:\\.[\\w]+)*): cannot open shared object file");

    /**
     * The bundled ffmpeg's system dependencies (readelf -d of org.bytedeco:ffmpeg's linux libraries) and Debian's
     * packages for them; the program's libavdevice needs the first four, the libraries every part needs the rest.
     */
    private static final Map<String, String> DEBIAN_PACKAGES = Map.ofEntries(
        Map.entry("libpulse.so.0", "libpulse0"),
        Map.entry("libxcb-shm.so.0", "libxcb-shm0"),
        Map.entry("libxcb.so.1", "libxcb1"),
        Map.entry("libasound.so.2", "libasound2"),
        Map.entry("libstdc++.so.6", "libstdc++6"),
        Map.entry("libgcc_s.so.1", "libgcc-s1"),
        Map.entry("libz.so.1", "zlib1g"),
        Map.entry("libdrm.so.2", "libdrm2"),
        Map.entry("libva.so.2", "libva2"),
        Map.entry("libva-drm.so.2", "libva-drm2"));

    /** The packages the bundled ffmpeg and ffprobe programs need beyond the libraries (their libavdevice's). */
    public static final String PROGRAM_PACKAGES = "libxcb1, libxcb-shm0, libasound2 and libpulse0";

    /** The first library the loader could not find, in {@code error} or its causes. */
    public static Optional<MissingLibrary> in(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                Matcher matcher = NOT_FOUND.matcher(t.getMessage());
                if (matcher.find()) {
                    return Optional.of(new MissingLibrary(matcher.group(1)));
                }
            }
        }
        return Optional.empty();
    }

    /** The Debian/Ubuntu package that provides the library, when it is one the bundled ffmpeg is known to need. */
    public Optional<String> debianPackage() {
        return Optional.ofNullable(DEBIAN_PACKAGES.get(soname));
    }

    /** "libpulse.so.0 is missing (on Debian/Ubuntu: apt-get install libpulse0)". */
    public String describe() {
        return soname + " is missing (" + debianPackage().map(name -> "on Debian/Ubuntu: apt-get install " + name)
            .orElse("install the package that provides " + soname) + ")";
    }

    /**
     * One line saying that {@code what} cannot be loaded: the missing library, its package and "install it, " before
     * {@code otherwise} when the error names one; else the error's own first line and {@code otherwise}.
     */
    public static String explain(String what, Throwable error, String otherwise) {
        Optional<MissingLibrary> missing = in(error);
        String cause = missing.map(MissingLibrary::describe)
            .orElseGet(() -> error.getMessage() == null ? error.getClass().getSimpleName()
                : error.getMessage().lines().findFirst().orElse(""));
        String remedy = otherwise.startsWith("or ") && missing.isEmpty() ? otherwise.substring(3) : otherwise;
        return what + " cannot be loaded: " + cause + "; " + (missing.isPresent() ? "install it, " : "") + remedy;
    }
}
