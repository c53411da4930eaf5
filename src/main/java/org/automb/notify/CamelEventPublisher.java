package org.automb.notify;

import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EventPublisher} through the route {@code publish-event}, which only queues the deliveries. Without that
 * route (a user's edited route files) an event is logged as lost at once: the direct endpoint's default would hold
 * the caller (an API request, the health watch) for 30 s.
 */
public final class CamelEventPublisher implements EventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(CamelEventPublisher.class);

    private final ProducerTemplate template;

    public CamelEventPublisher(ProducerTemplate template) {
        this.template = template;
    }

    @Override
    public void publish(NotifyEvent event) {
        try {
            template.sendBody(PUBLISH_EVENT + "?block=false", event);
        } catch (RuntimeException e) {
            LOG.warn("Event not published ({}): {}", event.title(), e.getMessage());
        }
    }
}
