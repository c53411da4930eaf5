package org.automb.tagging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.automb.testing.TestAudio;

/**
 * Real chaptered m4b books made by the bundled ffmpeg as the service makes them (AAC in an ipod-format MP4, a
 * QuickTime chapter track and {@code chpl}, a JPEG cover, {@code stik}), with the moov at the end (the in-JVM
 * writer and joiner) or at the front ({@code -movflags +faststart}: the ffmpeg mux, and most m4b files from elsewhere).
 */
final class ChapteredBooks {

    /** Three chapters of these lengths (seconds), titled as given. */
    static final List<String> TITLES = List.of("Prolog: Über Mädchen", "Chapitre deux – l'été", "第三章");
    static final double[] LENGTHS = {4.0, 3.5, 4.5};

    private final TestAudio audio;

    ChapteredBooks(TestAudio audio) {
        this.audio = audio;
    }

    Path book(Path file, boolean faststart) {
        Path dir = file.toAbsolutePath().getParent();
        Path cover = audio.image(dir.resolve("." + file.getFileName() + ".jpg"), 200, 200);
        Path metadata = dir.resolve("." + file.getFileName() + ".ffmeta");
        StringBuilder text = new StringBuilder(";FFMETADATA1\ntitle=Source title\nartist=Source Author/Narrator\n"
            + "album=Source album\ncomposer=Source Narrator\ngenre=Audiobook\n");
        double start = 0;
        for (int i = 0; i < TITLES.size(); i++) {
            text.append("[CHAPTER]\nTIMEBASE=1/1000\nSTART=").append(Math.round(start * 1000)).append("\nEND=")
                .append(Math.round((start + LENGTHS[i]) * 1000)).append("\ntitle=").append(TITLES.get(i)).append('\n');
            start += LENGTHS[i];
        }
        try {
            Files.writeString(metadata, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<String> args = new ArrayList<>(List.of("-nostdin", "-hide_banner", "-v", "error", "-y",
            "-f", "lavfi", "-i", "sine=frequency=330:duration=" + start + ":sample_rate=22050",
            "-f", "ffmetadata", "-i", metadata.toString(), "-i", cover.toString(),
            "-map", "0:a", "-map", "2:v", "-map_metadata", "1", "-map_chapters", "1",
            "-ac", "1", "-c:a", "aac", "-b:a", "48k", "-c:v", "copy", "-disposition:v:0", "attached_pic",
            "-metadata", "media_type=2"));
        if (faststart) {
            args.addAll(List.of("-movflags", "+faststart"));
        }
        args.addAll(List.of("-f", "ipod", file.toString()));
        run(args);
        try {
            Files.delete(cover);
            Files.delete(metadata);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }

    /** An m4b with no tags, chapters or cover at all (no udta): what some tools leave. */
    Path bare(Path file, boolean faststart) {
        List<String> args = new ArrayList<>(List.of("-nostdin", "-hide_banner", "-v", "error", "-y",
            "-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds() + ":sample_rate=22050",
            "-map_metadata", "-1", "-fflags", "+bitexact", "-ac", "1", "-c:a", "aac", "-b:a", "48k"));
        if (faststart) {
            args.addAll(List.of("-movflags", "+faststart"));
        }
        args.addAll(List.of("-f", "ipod", file.toString()));
        run(args);
        return file;
    }

    double seconds() {
        double total = 0;
        for (double length : LENGTHS) {
            total += length;
        }
        return total;
    }

    private void run(List<String> args) {
        try {
            Process process = new ProcessBuilder(audio.tools().ffmpegCommand(args)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("ffmpeg failed making a test book: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
