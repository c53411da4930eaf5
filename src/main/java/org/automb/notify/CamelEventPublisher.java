package org.automb.notify;

import org.apache.camel.ProducerTemplate;

/** {@link EventPublisher} through the route {@code publish-event}, which only queues the deliveries. */
public final class CamelEventPublisher implements EventPublisher {

    private final ProducerTemplate template;

    public CamelEventPublisher(ProducerTemplate template) {
        this.template = template;
    }

    @Override
    public void publish(NotifyEvent event) {
        template.sendBody(PUBLISH_EVENT, event);
    }
}
