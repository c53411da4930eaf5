package org.automb.web;

import org.apache.camel.Header;
import org.automb.actions.ConversionPause;
import org.automb.jobs.store.PauseState;

/** The API's POST /pause and /resume (bean {@code pauseEndpoints}): the user's pause of conversion, audited. */
public final class PauseEndpoints {

    private final ConversionPause pause;
    private final ApiActor actor;

    public PauseEndpoints(ConversionPause pause, ApiActor actor) {
        this.pause = pause;
        this.actor = actor;
    }

    public PauseState pause(@Header(ApiActor.USER_HEADER) Object user) {
        return pause.pause(actor.of(user));
    }

    public PauseState resume(@Header(ApiActor.USER_HEADER) Object user) {
        return pause.resume(actor.of(user));
    }
}
