package org.automb.actions;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.automb.config.Settings;
import org.automb.deliver.OutputLayout;
import org.automb.io.SafeMover;
import org.automb.jobs.BookCancellations;
import org.automb.jobs.store.AuditEntry;
import org.automb.jobs.store.EventCause;
import org.automb.jobs.store.Job;
import org.automb.jobs.store.JobRequest;
import org.automb.jobs.store.JobState;
import org.automb.jobs.store.JobStore;
import org.automb.metadata.Region;
import org.automb.status.JobAction;
import org.automb.status.JobIds;
import org.automb.status.JobSummary;
import org.automb.status.StatusService;
import org.automb.tagging.TagJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a user does to a job through the API or the page (bean {@code jobActions}): retry, skip its conversion,
 * reprocess, tag, cancel, approve, reject, forget. Each call is allowed only in the states {@link JobAction} lists,
 * and each is recorded in the audit log (who, when, what, on which job, how it ended: {@code accepted},
 * {@code conflict: ...}, {@code bad request: ...} or {@code error: ...}); an id the store does not know is refused
 * without a row. Jobs are found by their id ({@link JobIds}), never by a path.
 *
 * <p>Actions on one job run one at a time; the pipeline may still move the job meanwhile, so every change is made
 * conditionally on the state the action was allowed in.
 */
public final class JobActions {

    private static final Logger LOG = LoggerFactory.getLogger(JobActions.class);
    static final String ACCEPTED = "accepted";

    private final JobStore store;
    private final StatusService status;
    private final Settings settings;
    private final InboxReturns returns;
    private final PipelineRequests pipeline;
    private final ReviewGate reviewGate;
    private final BookCancellations cancellations;
    private final Clock clock;
    private final Map<String, Object> keyLocks = new ConcurrentHashMap<>();

    /**
     * @param layout   where archived originals lie ({@code ON_COMPLETE=archive})
     * @param mover    the service's mover, for the originals moved back into the inbox
     * @param pipeline the running pipeline's inbox pass and tag queue
     * @param reviewGate what approve and reject delegate to
     * @param cancellations what cancel delegates to
     */
    public JobActions(JobStore store, StatusService status, Settings settings, OutputLayout layout, SafeMover mover,
                      PipelineRequests pipeline, ReviewGate reviewGate, BookCancellations cancellations, Clock clock) {
        this.store = store;
        this.status = status;
        this.settings = settings;
        this.returns = new InboxReturns(settings, layout, mover);
        this.pipeline = pipeline;
        this.reviewGate = reviewGate;
        this.cancellations = cancellations;
        this.clock = clock;
    }

    /**
     * Converts a failed, cancelled or skipped book again, its attempts reset: a book set aside in the failed folder
     * is moved back into the inbox first (FAILED_INFO.txt left out). A skip-conversion or reprocess request still
     * pending is dropped: a retry is an ordinary conversion.
     */
    public ActionResult retry(String id, String actor) {
        return act(JobAction.RETRY, id, actor, null, job -> {
            Optional<JobRequest> pending = store.notes().request(job.key());
            store.notes().clearRequest(job.key());
            InboxReturns.Source from = bringBack(job, false, pending);
            reopen(job, JobAction.RETRY, actor);
            pipeline.passOverInbox();
            return "retry queued" + (from == InboxReturns.Source.FAILED_FOLDER ? "; moved back from the failed folder" : "");
        });
    }

    /**
     * Delivers the book's audio files as they are, unconverted, at its next run: a waiting book or one due for a
     * retry when it is taken; a failed or cancelled one now (moved back from the failed folder first).
     */
    public ActionResult skipConversion(String id, String actor) {
        return act(JobAction.SKIP_CONVERSION, id, actor, null, job -> {
            Optional<JobRequest> pending = request(job, JobRequest.Kind.SKIP_CONVERSION, actor);
            if (!job.state().isFinal()) {
                return "its files are delivered as they are when it is next taken";
            }
            bringBack(job, false, pending);
            reopen(job, JobAction.SKIP_CONVERSION, actor);
            pipeline.passOverInbox();
            return "delivery as is queued";
        });
    }

    /**
     * Converts the book again from scratch and replaces its output (whatever OVERWRITE_EXISTING says): its originals
     * must be in the inbox, the failed folder or ARCHIVE_FOLDER, whence they are moved back into the inbox.
     */
    public ActionResult reprocess(String id, String actor) {
        return act(JobAction.REPROCESS, id, actor, null, job -> {
            Optional<JobRequest> pending = request(job, JobRequest.Kind.REPROCESS, actor);
            InboxReturns.Source from = bringBack(job, true, pending);
            reopen(job, JobAction.REPROCESS, actor);
            pipeline.passOverInbox();
            return "reprocessing queued" + switch (from) {
                case INBOX -> "";
                case FAILED_FOLDER -> "; moved back from the failed folder";
                case ARCHIVE -> "; originals moved back from the archive";
            };
        });
    }

    /**
     * Tags the delivered m4b on the tag queue, like {@code --tag PATH [--asin X] [--region Y]}: an ASIN forces the
     * match. Answers at once ("tagging queued"); intake.json records the outcome.
     *
     * @param body may be null (match as the pipeline would)
     */
    public ActionResult tag(String id, String actor, TagRequest body) {
        TagRequest request = body == null ? TagRequest.none() : body;
        return act(JobAction.TAG, id, actor, request.auditDetail(), job -> {
            TagRequest valid = request.validated();
            if (!settings.tagging().audibleEnabled()) {
                throw ActionRefused.conflict("book '" + job.key() + "': tagging is off (AUDIBLE_ENABLED=N)");
            }
            Path m4b = deliveredM4b(job);
            Path manifest = m4b.resolveSibling("intake.json");
            pipeline.queueTagging(new TagJob(job.key(), m4b,
                Files.isRegularFile(manifest) ? Optional.of(manifest) : Optional.empty(), m4b.getParent(), Map.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                valid.asinGiven(), valid.regionGiven().flatMap(Region::fromCode), false));
            return "tagging queued";
        });
    }

    /**
     * Stops a book that is waiting, queued, due for a retry or being converted ({@link BookCancellations}): it ends
     * CANCELLED, its files where they are.
     */
    public ActionResult cancel(String id, String actor) {
        return act(JobAction.CANCEL, id, actor, null, job -> {
            boolean running = cancellations.cancel(job.key());
            JobState now = store.find(job.key()).map(Job::state).orElse(null);
            if (!running && now != JobState.CANCELLED) {
                throw refusedNow(job.key(), JobAction.CANCEL);
            }
            return running ? "cancelled; its conversion stops" : "cancelled; its files stay where they are";
        });
    }

    /** Releases a book waiting in REVIEW_FOLDER into CONVERTED_FOLDER ({@link ReviewGate#approve}). */
    public ActionResult approve(String id, String actor) {
        return act(JobAction.APPROVE, id, actor, null, job -> {
            try {
                return "approved; released to " + reviewGate.approve(job.key());
            } catch (IllegalStateException | UncheckedIOException e) {
                throw ActionRefused.conflict(e.getMessage());
            }
        });
    }

    /** Sets a book waiting for review aside in the failed folder with the user's reason ({@link ReviewGate#reject}). */
    public ActionResult reject(String id, String actor, String reason) {
        return act(JobAction.REJECT, id, actor, reason, job -> {
            try {
                return "rejected; set aside in " + reviewGate.reject(job.key(), reason);
            } catch (IllegalStateException | UncheckedIOException e) {
                throw ActionRefused.conflict(e.getMessage());
            }
        });
    }

    /**
     * Forgets the job (its row, events, progress, log tail and request), never its files; its runs and the audit log
     * stay. Not while a worker holds it.
     */
    public void forget(String id, String actor) {
        act(JobAction.DELETE, id, actor, null, job -> {
            if (!store.forget(job.key(), JobAction.DELETE.allowedIn())) {
                throw refusedNow(job.key(), JobAction.DELETE);
            }
            return "forgotten; its files are untouched";
        });
    }

    /** One action: find the job, check its state, do it, record it. */
    private ActionResult act(JobAction action, String id, String actor, String detail, Operation operation) {
        String key = JobIds.keyOf(id).orElseThrow(() -> ActionRefused.notFound("no job has the id '" + shown(id) + "'"));
        synchronized (keyLocks.computeIfAbsent(key, k -> new Object())) {
            Job job = store.find(key).orElseThrow(() -> ActionRefused.notFound("no job has the id '" + shown(id) + "'"));
            String message;
            try {
                if (!action.allowedIn(job.state())) {
                    throw refusal(job, action);
                }
                message = operation.run(job);
            } catch (ActionRefused refused) {
                if (refused.kind() != ActionRefused.Kind.NOT_FOUND) {
                    record(actor, action, key, resultOf(refused), detail);
                }
                LOG.info("{} of book '{}' by {} refused: {}", action.code(), key, actor, refused.detail());
                throw refused;
            } catch (RuntimeException e) {
                // an unexpected failure (the job store, the file system) is recorded too, then answered as an error
                record(actor, action, key, "error: " + e.getMessage(), detail);
                LOG.warn("{} of book '{}' by {} failed: {}", action.code(), key, actor, e.toString());
                throw e;
            }
            AuditEntry entry = record(actor, action, key, ACCEPTED, detail);
            LOG.info("{} of book '{}' by {}: {}", action.code(), key, actor, message);
            JobSummary summary = status.summary(key).orElse(null);
            return new ActionResult(action.code(), summary, entry.id(), message);
        }
    }

    /** The work of one action on the job as found; returns what happens next, for the answer and the log. */
    @FunctionalInterface
    private interface Operation {
        String run(Job job);
    }

    /**
     * Puts the files back in the inbox; should that fail, the request the action put is taken back (the one before
     * it restored) and the refusal passed on.
     */
    private InboxReturns.Source bringBack(Job job, boolean fromArchive, Optional<JobRequest> before) {
        try {
            return returns.bringBack(job, fromArchive);
        } catch (RuntimeException e) {
            store.notes().clearRequest(job.key());
            before.ifPresent(store.notes()::putRequest);
            throw e;
        }
    }

    /** Asks the book's next run for {@code kind}; returns the request it replaced. */
    private Optional<JobRequest> request(Job job, JobRequest.Kind kind, String actor) {
        Optional<JobRequest> before = store.notes().request(job.key());
        store.notes().putRequest(new JobRequest(job.key(), kind, clock.instant(), actor));
        return before;
    }

    /**
     * Back to WAITING, attempts reset; the next scan takes the book once its files are settled. A scan may have taken
     * it already (its files moved back changed its content): then it is under way, as asked.
     */
    private void reopen(Job job, JobAction action, String actor) {
        Optional<Job> reopened = store.reopen(job.key(), action.allowedIn(), EventCause.API,
            action.code() + " requested by " + actor);
        if (reopened.isEmpty()) {
            LOG.debug("book '{}': taken by the pipeline before it was reopened ({})", job.key(),
                store.find(job.key()).map(j -> j.state().code()).orElse("gone"));
        }
    }

    /** The delivered m4b of a DONE or REVIEW job. */
    private static Path deliveredM4b(Job job) {
        String output = job.outputPath();
        if (output == null || !output.toLowerCase(Locale.ROOT).endsWith(".m4b")) {
            throw ActionRefused.conflict("book '" + job.key() + "': its output " + (output == null ? "is not recorded"
                : output + " is not an m4b") + "; only a delivered m4b can be tagged");
        }
        Path m4b = Path.of(output);
        if (!Files.isRegularFile(m4b, LinkOption.NOFOLLOW_LINKS)) {
            throw ActionRefused.conflict("book '" + job.key() + "': its output " + m4b + " is no longer there");
        }
        return m4b;
    }

    private AuditEntry record(String actor, JobAction action, String key, String result, String detail) {
        return store.audit().record(clock.instant(), actor, action.code(), key, result, detail);
    }

    /** The audit result of a refusal: {@code conflict: <detail>} or {@code bad request: <detail>}. */
    private static String resultOf(ActionRefused refused) {
        return refused.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + refused.detail();
    }

    private static ActionRefused refusal(Job job, JobAction action) {
        return ActionRefused.conflict("book '" + job.key() + "' is " + job.state().code() + "; " + action.code()
            + " is allowed when it is " + states(action.allowedIn()));
    }

    private ActionRefused refusedNow(String key, JobAction action) {
        String now = store.find(key).map(j -> j.state().code()).orElse("gone");
        return ActionRefused.conflict("book '" + key + "' is " + now + " now; " + action.code()
            + " is allowed when it is " + states(action.allowedIn()));
    }

    private static String states(Set<JobState> states) {
        return states.stream().sorted().map(JobState::code).collect(Collectors.joining(", "));
    }

    /** An id as a message quotes it: cut short should it be long. */
    private static String shown(String id) {
        String value = String.valueOf(id);
        return value.length() > 60 ? value.substring(0, 60) + "..." : value;
    }
}
