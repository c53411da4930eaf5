package org.automb.app;

import java.util.List;
import java.util.Optional;
import javax.management.JMException;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.spi.ManagementAgent;
import org.automb.actions.ConversionPause;
import org.automb.actions.JobActions;
import org.automb.jmx.JobsBean;
import org.automb.jmx.PauseSwitch;
import org.automb.jmx.QueueBean;
import org.automb.jobs.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's own MBeans, domain {@value #DOMAIN} (docs/monitoring.md, "JMX and Hawtio"):
 * {@code org.automb:context=<name>,type=Queue} ({@link QueueBean}) and {@code ...,type=Jobs} ({@link JobsBean}),
 * registered with Camel's management agent once the context has started (the agent then unregisters them when it
 * stops). JConsole sees them over JMX, Hawtio through Jolokia (/observe/jolokia), whose policy lets only these
 * MBeans' operations run. Nothing is registered when JMX is off.
 */
final class JmxWiring implements StartupListener {

    /** The application's JMX domain. */
    static final String DOMAIN = "org.automb";
    /** The bean that pauses and resumes conversions ({@link ConversionPause}), looked up at each call. */
    static final String PAUSE_BEAN = "conversionPause";

    private static final Logger LOG = LoggerFactory.getLogger(JmxWiring.class);

    private final QueueBean queue;
    private final JobsBean jobs;

    private JmxWiring(QueueBean queue, JobsBean jobs) {
        this.queue = queue;
        this.jobs = jobs;
    }

    /** Builds the MBeans over the job store and the job actions; they are registered when the context starts. */
    static void bind(CamelContext context, JobStore store, JobActions actions) throws Exception {
        JobsBean jobs = new JobsBean(actions, store, () -> pauseSwitch(context));
        context.addStartupListener(new JmxWiring(new QueueBean(store), jobs));
    }

    /** The names of the MBeans in the context {@code contextName}. */
    static List<ObjectName> names(String contextName) {
        return List.of(name(contextName, "Queue"), name(contextName, "Jobs"));
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        ManagementAgent agent = context.getManagementStrategy().getManagementAgent();
        if (agent == null) {
            LOG.debug("JMX is off: the {} MBeans are not registered", DOMAIN);
            return;
        }
        List<ObjectName> names = names(context.getName());
        try {
            agent.register(queue, names.get(0));
            agent.register(jobs, names.get(1));
        } catch (JMException e) {
            // JMX is for watching and acting from outside; the service runs without it
            LOG.warn("cannot register the {} MBeans: {}", DOMAIN, e.getMessage());
        }
    }

    private static ObjectName name(String contextName, String type) {
        try {
            // quoted only when it must be, as Camel names its context in its own MBeans (context=auto-m4b)
            String context = contextName.matches("[A-Za-z0-9._-]+") ? contextName : ObjectName.quote(contextName);
            return new ObjectName(DOMAIN + ":context=" + context + ",type=" + type);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The bean {@value #PAUSE_BEAN} (the pause the API also uses) as a {@link PauseSwitch}; empty when there is none. */
    static Optional<PauseSwitch> pauseSwitch(CamelContext context) {
        ConversionPause pause = context.getRegistry().lookupByNameAndType(PAUSE_BEAN, ConversionPause.class);
        if (pause == null) {
            return Optional.empty();
        }
        return Optional.of(new PauseSwitch() {
            @Override
            public void pause(String actor) {
                pause.pause(actor);
            }

            @Override
            public void resume(String actor) {
                pause.resume(actor);
            }

            @Override
            public boolean paused() {
                return pause.paused();
            }
        });
    }
}
