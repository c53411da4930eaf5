package org.automb.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.automb.audio.join.LibavShellWriter;
import org.automb.config.Settings;
import org.automb.config.TaggingSettings;
import org.automb.deliver.ManifestWriter;
import org.automb.io.PartialsJournal;
import org.automb.jobs.store.JobStore;
import org.automb.media.libav.LoudnessReader;
import org.automb.metadata.AsinHints;
import org.automb.metadata.AudibleClient;
import org.automb.metadata.AudnexusClient;
import org.automb.metadata.MatchScorer;
import org.automb.metadata.MetadataCache;
import org.automb.metadata.MetadataLookup;
import org.automb.metadata.PoliteHttp;
import org.automb.metadata.RateLimiter;
import org.automb.metadata.Region;
import org.automb.metadata.Sleeper;
import org.automb.steps.TagStep;
import org.automb.tagging.AudibleTags;
import org.automb.tagging.AudnexusChapterRule;
import org.automb.tagging.BookTagger;
import org.automb.tagging.ChapterRevision;
import org.automb.tagging.ChapterRewriter;
import org.automb.tagging.ChapterSplitter;
import org.automb.tagging.HtmlText;
import org.automb.tagging.MediaProbe;
import org.automb.tagging.Mp4TagWriter;
import org.automb.tagging.SourceTags;

/**
 * The tag stage (docs/tagging.md): the Audible and Audnexus clients behind one polite HTTP client each, the lookup
 * and its cache in the job store, the chapter rules, the tag writer; bound as {@code tagStep} for the routes, and
 * built alone for {@code --tag}.
 */
record TaggingWiring(BookTagger tagger, Optional<AsinHints> hints, Mp4TagWriter writer) {

    /** Where the User-Agent points: the service names itself to Audible and Audnexus. */
    static final String HOMEPAGE = "https://github.com/auto-m4b-camel/auto-m4b";

    static TaggingWiring bind(CamelContext context, Settings settings, Clock clock, JobStore store, MediaTools media,
                              org.automb.steps.BookRunRecorder results) {
        TaggingWiring wiring = build(settings, clock, store, media);
        TaggingSettings tagging = settings.tagging();
        // the tag queue's retries (routes/tag-book.camel.yaml), apart from the conversion's
        context.getPropertiesComponent().addInitialProperty("tag.maxRetries", String.valueOf(tagging.maxRetries()));
        context.getPropertiesComponent().addInitialProperty("tag.retryDelayMillis",
            String.valueOf(Math.max(1, tagging.retryBaseDelay().toMillis())));
        context.getRegistry().bind("tagStep", new TagStep(tagging, wiring.tagger(), wiring.hints(),
            new ManifestWriter(clock), results));
        return wiring;
    }

    static TaggingWiring build(Settings settings, Clock clock, JobStore store, MediaTools media) {
        TaggingSettings tagging = settings.tagging();
        ObjectMapper json = new ObjectMapper();
        Optional<MetadataLookup> lookup = Optional.empty();
        Optional<AudibleClient> audible = Optional.empty();
        Optional<AsinHints> hints = Optional.empty();
        if (tagging.audibleEnabled()) {
            String agent = PoliteHttp.userAgent(AutoM4bCommand.VERSION, HOMEPAGE);
            PoliteHttp.Options options = PoliteHttp.Options.of(agent, tagging.timeout());
            Sleeper sleeper = Sleeper.real();
            PoliteHttp audibleHttp = new PoliteHttp("Audible", options,
                RateLimiter.perSecond(tagging.requestsPerSecond(), sleeper), sleeper, clock);
            PoliteHttp audnexusHttp = new PoliteHttp("Audnexus", options,
                RateLimiter.perSecond(Math.min(tagging.requestsPerSecond(), AudnexusClient.REQUESTS_PER_MINUTE / 60.0),
                    sleeper), sleeper, clock);
            audible = Optional.of(new AudibleClient(audibleHttp, AudibleClient.baseUrls(tagging.audibleApiUrl()), json));
            hints = Optional.of(new AsinHints(json));
            lookup = Optional.of(new MetadataLookup(hints.get(), audible.get(),
                new AudnexusClient(audnexusHttp, tagging.audnexusUrl(), json),
                new MetadataCache(store.metadataCache(), tagging.cacheTtl(), clock), new MatchScorer(),
                new MetadataLookup.Options(Region.fromCode(tagging.region()).orElse(Region.US), tagging.matchThreshold(),
                    tagging.audnexusChapters() != TaggingSettings.AudnexusChapterUse.OFF)));
        }
        MediaProbe probe = media.libav().map(MediaProbe::libav)
            .orElseGet(() -> MediaProbe.ffprobe(media.tools(), media.exec()));
        Optional<LibavShellWriter> shell = media.libav().isPresent() ? LibavShellWriter.load() : Optional.empty();
        TaggingSettings.ChapterLength length = tagging.chapterLength();
        ChapterSplitter splitter = new ChapterSplitter(length.splits()
            ? Optional.of(new ChapterSplitter.Limits(Duration.ofMinutes(length.minMinutes()).toMillis(),
                Duration.ofMinutes(length.maxMinutes()).toMillis()))
            : Optional.empty());
        ChapterRevision chapters = new ChapterRevision(
            new AudnexusChapterRule(AudnexusChapterRule.Mode.parse(tagging.audnexusChapters().name())), splitter,
            new LoudnessReader());
        Mp4TagWriter writer = new Mp4TagWriter(probe, Optional.of(PartialsJournal.inWorkingFolder(settings.working())));
        BookTagger tagger = new BookTagger(new BookTagger.Parts(lookup, audible, new AudibleTags(new HtmlText()),
            new SourceTags(), writer, probe, chapters, shell.map(ChapterRewriter::new)));
        return new TaggingWiring(tagger, hints, writer);
    }
}
