package org.automb.config;

import java.time.Duration;
import java.util.List;

/**
 * The settings of the tag stage: Audible matching, Audnexus chapters, long-chapter splitting, the metadata cache and
 * the output's naming (docs/tagging.md).
 *
 * @param audibleEnabled   AUDIBLE_ENABLED: look books up on Audible and write its tags
 * @param mode             TAG_MODE: in the book's flow before delivery, or on its own queue after it
 * @param region           AUDIBLE_REGION: one of {@link #REGIONS}
 * @param audibleApiUrl    AUDIBLE_API_URL: the catalog API's base for every region; empty = the region's own host
 * @param audnexusUrl      AUDNEXUS_URL
 * @param audnexusChapters AUDNEXUS_CHAPTERS
 * @param matchThreshold   MATCH_THRESHOLD: the least score (0..1) a search result needs to be taken
 * @param chapterLength    MAX_CHAPTER_LENGTH
 * @param cacheTtl         METADATA_CACHE_TTL
 * @param requestsPerSecond AUDIBLE_RATE
 * @param timeout          METADATA_TIMEOUT
 * @param maxRetries       TAG_MAX_RETRIES: further tries of a tagging that failed for a transient reason
 * @param retryBaseDelay   TAG_RETRY_BASE_DELAY: the wait before the first of them, doubled for each further one
 * @param outputNaming     OUTPUT_NAMING: {@code key}, {@code abs} or a template
 */
public record TaggingSettings(
        boolean audibleEnabled, TagMode mode, String region, String audibleApiUrl, String audnexusUrl,
        AudnexusChapterUse audnexusChapters, double matchThreshold, ChapterLength chapterLength, Duration cacheTtl,
        double requestsPerSecond, Duration timeout, int maxRetries, Duration retryBaseDelay, String outputNaming) {

    /** The marketplaces AUDIBLE_REGION accepts (metadata.Region has their hosts). */
    public static final List<String> REGIONS = List.of("us", "uk", "ca", "au", "de", "fr", "it", "es", "in", "jp");

    /** When the tag stage runs. */
    public enum TagMode {
        /** In the book's flow: the working output is tagged before it is delivered. */
        SYNC,
        /** After delivery, on the tag queue: conversions never wait on the network. */
        ASYNC
    }

    /** What Audnexus's chapters may change. */
    public enum AudnexusChapterUse { AUTO, TITLES, OFF }

    /**
     * MAX_CHAPTER_LENGTH: a chapter longer than {@code maxMinutes} is split at the quietest pause between
     * {@code minMinutes} and {@code maxMinutes} from its start; {@code maxMinutes} 0 = never split.
     */
    public record ChapterLength(int minMinutes, int maxMinutes) {
        public static final ChapterLength OFF = new ChapterLength(0, 0);

        public boolean splits() { return maxMinutes > 0; }
    }
}
