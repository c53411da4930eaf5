package org.automb.plan;

import java.util.List;
import java.util.Optional;
import org.automb.intake.Book;
import org.automb.media.AudioSource;

/**
 * Everything decided about a book before any audio is written.
 *
 * @param chapterTitles one title per source (used unless {@code chapterMarks} overrides them)
 * @param chapterMarks  the book's chapters.txt, when it has one
 */
public record ConversionPlan(Book book, List<AudioSource> sources, CodecDecision decision,
                             int bitrateKbps, int sampleRate, int channels,
                             List<String> chapterTitles, Optional<List<ChaptersFile.ChapterMark>> chapterMarks,
                             BookTags tags, Optional<CoverPicker.CoverChoice> cover) {

    public ConversionPlan {
        sources = List.copyOf(sources);
        chapterTitles = List.copyOf(chapterTitles);
    }

    /** Sum of the sources' durations as probed. */
    public double totalSeconds() {
        return sources.stream().mapToDouble(AudioSource::durationSeconds).sum();
    }

    /**
     * True when one decoder can read every source in turn and no source needs resampling: what one ffmpeg reading
     * the sources through its concat demuxer needs (AudioPath.FFMPEG_CONCAT_ENCODE).
     */
    public boolean oneDecoderReadsEverySource() {
        AudioSource first = sources.get(0);
        return sources.stream().allMatch(source -> source.audioStreamIndex() == 0
            && source.codec().equals(first.codec())
            && source.sampleRate() == sampleRate
            && source.channels() == first.channels());
    }

    public long totalBytes() {
        return sources.stream().mapToLong(AudioSource::sizeBytes).sum();
    }

    /** One line a person can read: what will be done with the book. */
    public String summary() {
        String how = switch (decision.mode()) {
            case PASSTHROUGH -> "passthrough (already one m4b)";
            case STREAM_COPY -> "join AAC without re-encoding";
            case ENCODE -> "encode AAC " + bitrateKbps + " kbps " + sampleRate + " Hz " + (channels == 1 ? "mono" : "stereo");
        };
        return String.format("%s; %d file%s, %s of audio; %s", how, sources.size(), sources.size() == 1 ? "" : "s",
            Durations.format(totalSeconds()), decision.reason());
    }
}
