package org.automb.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.automb.bench.Corpus.SourceInfo;
import org.automb.bench.Tools.Usage;

/**
 * The two reference conversions of a book, with the same bitrate, rate and channels as the application chose.
 *
 * <ol>
 *   <li>exact single process: one ffmpeg, concat demuxer over the sources, {@code asetpts=N/SR/TB}, the native
 *       AAC encoder, the chapters (at the sources' true sample positions) and {@code +faststart} in the same run;</li>
 *   <li>m4b-tool style: each source encoded to its own .m4a by its own ffmpeg, {@code cores} at a time; the parts'
 *       durations read with ffprobe; chapters at the summed durations; the parts joined with {@code -c copy}.</li>
 * </ol>
 */
final class Baselines {

    /** The output format the application chose for a book (bitrate, rate, channels). */
    record Format(int kbps, int rate, int channels) {
    }

    private final Tools tools;
    private final int cores;

    Baselines(Tools tools, int cores) {
        this.tools = tools;
        this.cores = cores;
    }

    Usage exactSingleProcess(String title, List<SourceInfo> sources, Format format, Path dir, Path output) {
        try {
            Files.createDirectories(dir);
            Path list = dir.resolve("sources.ffconcat");
            Files.writeString(list, concatList(sources.stream().map(SourceInfo::file).toList()), StandardCharsets.UTF_8);
            StringBuilder meta = new StringBuilder(";FFMETADATA1\ntitle=" + title + "\nmedia_type=2\n");
            long position = 0;
            for (int i = 0; i < sources.size(); i++) {
                long end = position + sources.get(i).samples();
                meta.append(Tools.fmt("[CHAPTER]\nTIMEBASE=1/%d\nSTART=%d\nEND=%d\ntitle=Chapter %d\n",
                    sources.get(i).rate(), position, end, i + 1));
                position = end;
            }
            Path metadata = dir.resolve("metadata.txt");
            Files.writeString(metadata, meta, StandardCharsets.UTF_8);
            List<String> args = List.of("-nostdin", "-hide_banner", "-v", "error",
                "-f", "concat", "-safe", "0", "-i", list.toString(), "-f", "ffmetadata", "-i", metadata.toString(),
                "-map", "0:a", "-map_metadata", "1", "-map_chapters", "1", "-af", "asetpts=N/SR/TB",
                "-c:a", "aac", "-b:a", format.kbps() + "k", "-ar", String.valueOf(format.rate()),
                "-ac", String.valueOf(format.channels()), "-movflags", "+faststart", "-f", "ipod", "-y", output.toString());
            return tools.timed(tools.ffmpeg(args), dir, null, dir.resolve("exact.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Usage m4bToolStyle(String title, List<SourceInfo> sources, Format format, Path dir, Path output) {
        try {
            Files.createDirectories(dir);
            long start = System.nanoTime();
            List<Callable<Usage>> encodes = new ArrayList<>();
            List<Path> parts = new ArrayList<>();
            for (int i = 0; i < sources.size(); i++) {
                Path part = dir.resolve(Tools.fmt("part-%04d.m4a", i + 1));
                parts.add(part);
                Path source = sources.get(i).file();
                Path log = dir.resolve(Tools.fmt("part-%04d.log", i + 1));
                encodes.add(() -> tools.timed(tools.ffmpeg(List.of("-nostdin", "-hide_banner", "-v", "error",
                    "-i", source.toString(), "-map", "0:a:0", "-vn", "-c:a", "aac", "-b:a", format.kbps() + "k",
                    "-ar", String.valueOf(format.rate()), "-ac", String.valueOf(format.channels()),
                    "-f", "mp4", "-y", part.toString())), dir, null, log));
            }
            Usage total = Usage.ZERO;
            for (Usage u : Tools.parallel(cores, encodes)) {
                total = total.alongside(u);
            }
            // chapters from the parts' durations, as m4b-tool builds them
            StringBuilder meta = new StringBuilder(";FFMETADATA1\ntitle=" + title + "\nmedia_type=2\n");
            long positionMillis = 0;
            for (int i = 0; i < parts.size(); i++) {
                Path out = dir.resolve(Tools.fmt("part-%04d.duration", i + 1));
                total = total.alongside(tools.timed(tools.ffprobe(List.of("-v", "error", "-show_entries", "format=duration",
                    "-of", "csv=p=0", parts.get(i).toString())), dir, out, dir.resolve("probe.log")));
                long millis = Math.round(Double.parseDouble(Files.readString(out).trim()) * 1000);
                meta.append(Tools.fmt("[CHAPTER]\nTIMEBASE=1/1000\nSTART=%d\nEND=%d\ntitle=Chapter %d\n",
                    positionMillis, positionMillis + millis, i + 1));
                positionMillis += millis;
            }
            Path metadata = dir.resolve("metadata.txt");
            Files.writeString(metadata, meta, StandardCharsets.UTF_8);
            Path list = dir.resolve("parts.ffconcat");
            Files.writeString(list, concatList(parts), StandardCharsets.UTF_8);
            total = total.alongside(tools.timed(tools.ffmpeg(List.of("-nostdin", "-hide_banner", "-v", "error",
                "-f", "concat", "-safe", "0", "-i", list.toString(), "-f", "ffmetadata", "-i", metadata.toString(),
                "-map", "0:a", "-map_metadata", "1", "-map_chapters", "1", "-c", "copy",
                "-movflags", "+faststart", "-f", "ipod", "-y", output.toString())), dir, null, dir.resolve("join.log")));
            for (Path part : parts) {
                Files.deleteIfExists(part);
            }
            return total.withWall((System.nanoTime() - start) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code cp -r} of a book's folder: the floor for a stream copy. */
    Usage copy(Path bookDir, Path target) {
        return tools.timed(List.of("cp", "-r", bookDir.toString(), target.toString()), target.getParent(), null,
            target.getParent().resolve("cp.log"));
    }

    private static String concatList(List<Path> files) {
        StringBuilder list = new StringBuilder("ffconcat version 1.0\n");
        for (Path f : files) {
            list.append("file '").append(f.toAbsolutePath().toString().replace("'", "'\\''")).append("'\n");
        }
        return list.toString();
    }
}
