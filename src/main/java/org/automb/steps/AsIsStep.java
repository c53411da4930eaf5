package org.automb.steps;

import java.util.List;
import org.apache.camel.ExchangeProperty;
import org.automb.attempt.BookAttempt;
import org.automb.attempt.RouteKeys;
import org.automb.deliver.BookFinisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliver-as-is route's step: a book a user asked to skip the conversion of (the skip-conversion action) is
 * delivered as its files are, by the {@link BookFinisher} that delivers every book; no plan, no audio path, no tags.
 */
public final class AsIsStep {

    private static final Logger LOG = LoggerFactory.getLogger(AsIsStep.class);

    private final BookFinisher finisher;

    public AsIsStep(BookFinisher finisher) {
        this.finisher = finisher;
    }

    /** Copies the book's files unconverted to its place in CONVERTED_FOLDER, with intake.json. */
    public void deliver(@ExchangeProperty(RouteKeys.ATTEMPT) BookAttempt run) {
        finisher.deliverAsIs(run);
        List<?> audio = run.book().audioFiles();
        LOG.info("book '{}': delivered as is, unconverted ({} audio file{}) -> {}", run.book().key(), audio.size(),
            audio.size() == 1 ? "" : "s", run.finalOutput().getParent());
    }
}
