package org.automb.app;

import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.automb.actions.JobActions;
import org.automb.actions.PipelineRequests;
import org.automb.actions.ReviewGate;
import org.automb.config.Settings;
import org.automb.deliver.BookFinisher;
import org.automb.jobs.BookCancellations;
import org.automb.jobs.store.JobStore;
import org.automb.status.StatusService;
import org.automb.steps.AsIsStep;
import org.automb.steps.TagStep;

/**
 * The users' actions on jobs (bean {@code jobActions}): bound after the pipeline's beans, the review gate and the
 * cancellations, whose inbox pass and tag queue they ask for through a producer of this CamelContext.
 */
record ActionsWiring(JobActions actions) {

    static ActionsWiring bind(CamelContext context, Settings settings, Clock clock, JobStore store,
                              DeliveryWiring delivery) {
        Registry registry = context.getRegistry();
        // bound by StatusWiring before (AppConfiguration's order): the actions answer with its job summaries
        StatusService status = java.util.Objects.requireNonNull(
            registry.lookupByNameAndType("statusService", StatusService.class), "statusService is bound before jobActions");
        PipelineRequests pipeline = new PipelineRequests(context.createProducerTemplate(),
            registry.lookupByNameAndType("tagStep", TagStep.class));
        JobActions actions = new JobActions(store, status, settings, delivery.layout(), delivery.mover(), pipeline,
            registry.lookupByNameAndType("reviewGate", ReviewGate.class),
            registry.lookupByNameAndType("bookCancellations", BookCancellations.class), clock);
        registry.bind("jobActions", actions);
        // the deliver-as-is route's step (routes/process-book.camel.yaml): what skip-conversion asks of the pipeline
        registry.bind("asIsStep", new AsIsStep(registry.lookupByNameAndType("bookFinisher", BookFinisher.class)));
        return new ActionsWiring(actions);
    }
}
