package org.automb.jmx;

/**
 * Pausing and resuming conversions: what the bean {@code conversionPause} offers. The JMX operations find it when
 * called, so they work (and say so) whether or not the service has it.
 */
public interface PauseSwitch {

    void pause(String actor);

    void resume(String actor);

    boolean paused();
}
