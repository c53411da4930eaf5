package org.automb.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.automb.config.Settings;
import org.automb.failure.PermanentFailure;
import org.automb.intake.Book;
import org.automb.media.AudioSource;

/** Probes a book's files and decides everything about its output: mode, bitrate, chapters, tags, cover. */
public final class BookPlanner {

    private final Settings settings;
    private final ProbeRunner probes;
    private final CodecDecider codecDecider;
    private final BitratePolicy bitrates;
    private final ChapterTitles chapterTitles;
    private final ChaptersFile chaptersFile;
    private final CoverPicker coverPicker;
    private final TagExtractor tagExtractor;

    public BookPlanner(Settings settings, ProbeRunner probes, CodecDecider codecDecider, BitratePolicy bitrates,
                       ChapterTitles chapterTitles, ChaptersFile chaptersFile, CoverPicker coverPicker,
                       TagExtractor tagExtractor) {
        this.settings = settings;
        this.probes = probes;
        this.codecDecider = codecDecider;
        this.bitrates = bitrates;
        this.chapterTitles = chapterTitles;
        this.chaptersFile = chaptersFile;
        this.coverPicker = coverPicker;
        this.tagExtractor = tagExtractor;
    }

    public ConversionPlan plan(Book book) {
        List<AudioSource> sources = probes.probeAll(book);
        CodecDecision decision = codecDecider.decide(sources, settings.alwaysEncode());
        int channels = bitrates.targetChannels(sources);
        int sampleRate = bitrates.targetSampleRate(sources);
        OptionalInt override = settings.audioBitrateKbps();
        int kbps = bitrates.targetKbps(sources, settings.maxBitrateKbps(), override, channels);
        if (decision.mode() != CodecDecision.Mode.ENCODE) {
            sampleRate = sources.get(0).sampleRate();
            channels = sources.get(0).channels();
        }
        List<String> titles = chapterTitles.titles(sources, settings.useFilenamesAsChapters());
        BookTags tags = tagExtractor.extract(book.name(), sources);
        Optional<CoverPicker.CoverChoice> cover = coverPicker.pick(sources, book.extraFiles());
        return new ConversionPlan(book, sources, decision, kbps, sampleRate, channels, titles,
            readChaptersFile(book), tags, cover);
    }

    private Optional<List<ChaptersFile.ChapterMark>> readChaptersFile(Book book) {
        Path file = book.folder().resolve("chapters.txt");
        if (book.looseFile() || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(chaptersFile.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            throw new PermanentFailure(book.key(), file, "chapters.txt cannot be used: " + e.getMessage(), e);
        }
    }
}
