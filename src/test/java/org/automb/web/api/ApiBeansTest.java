package org.automb.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.ext.auth.User;
import java.util.EnumSet;
import org.automb.actions.ActionRefused;
import org.automb.config.WebSettings.AuthMethod;
import org.automb.jobs.store.JobState;
import org.automb.status.StatusJson;
import org.automb.web.ApiActor;
import org.automb.web.ApiJson;
import org.automb.web.ApiNotFound;
import org.automb.web.ApiParameters;
import org.automb.web.ApiProblems;
import org.automb.web.Problem;
import org.junit.jupiter.api.Test;

/** The API's small beans on their own: parameters, the actor, bodies, problems. */
class ApiBeansTest {

    private final ApiJson json = new ApiJson(StatusJson.mapper());
    private final ApiProblems problems = new ApiProblems();

    @Test
    void parametersDefaultWhenAbsentAndNameThemselvesWhenWrong() {
        assertThat(ApiParameters.page(null)).isEqualTo(1);
        assertThat(ApiParameters.size(" ")).isEqualTo(20);
        assertThat(ApiParameters.page("3")).isEqualTo(3);
        assertThatThrownBy(() -> ApiParameters.size("ten")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("size: 'ten'");
        assertThat(ApiParameters.states(null)).isEqualTo(EnumSet.allOf(JobState.class));
        assertThat(ApiParameters.states("failed, DONE,retry_scheduled"))
            .containsExactlyInAnyOrder(JobState.FAILED, JobState.DONE, JobState.RETRY_SCHEDULED);
        assertThatThrownBy(() -> ApiParameters.states("done,bogus")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("status: 'bogus'").hasMessageContaining("retry_scheduled");
        assertThatThrownBy(() -> ApiParameters.states("x".repeat(5000))).hasMessageContaining("…")
            .matches(e -> e.getMessage().length() < 300, "a short message");
    }

    @Test
    void theActorIsTheGuardsUserOrAnonymousWithoutAuthentication() {
        assertThat(new ApiActor(AuthMethod.FORMS).of(User.fromName("api-key"))).isEqualTo("api-key");
        assertThat(new ApiActor(AuthMethod.FORMS).of(User.fromName("admin"))).isEqualTo("admin");
        assertThat(new ApiActor(AuthMethod.NONE).of(null)).isEqualTo("anonymous");
        assertThatThrownBy(() -> new ApiActor(AuthMethod.FORMS).of(null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ApiActor(AuthMethod.FORMS).of("admin")).as("a header a client sent")
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void bodiesAreJsonObjectsOrNothing() {
        assertThat(json.readObject(null).size()).isZero();
        assertThat(json.readObject("").size()).isZero();
        assertThat(ApiJson.text(json.readObject("{\"asin\":\"B0036UC2LO\",\"region\":null}"), "asin")).isEqualTo("B0036UC2LO");
        assertThat(ApiJson.text(json.readObject("{\"region\":null}"), "region")).isNull();
        assertThatThrownBy(() -> json.readObject("{nope")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("the request body is not valid JSON");
        assertThatThrownBy(() -> json.readObject("\"text\"")).hasMessage("the request body must be a JSON object");
        assertThatThrownBy(() -> ApiJson.text(json.readObject("{\"reason\":1}"), "reason")).hasMessage("reason: must be a string");
    }

    @Test
    void problemsCarryTheStatusOfTheirCauseAndNothingOfTheServer() {
        assertThat(problems.refused(ActionRefused.notFound("no job"), "/api/v1/jobs/x"))
            .isEqualTo(new Problem("about:blank", "Not Found", 404, "no job", "/api/v1/jobs/x"));
        assertThat(problems.refused(ActionRefused.conflict("done"), "/p").status()).isEqualTo(409);
        assertThat(problems.refused(ActionRefused.badRequest("asin"), "/p").title()).isEqualTo("Bad Request");
        assertThat(problems.badRequest(new IllegalArgumentException("page must be 1 or more"), "/p").status()).isEqualTo(400);
        assertThat(problems.notFound(new ApiNotFound("no job has the id 'x'"), "/p").status()).isEqualTo(404);
        Problem internal = problems.internal(new IllegalStateException("/secret/path exploded"), "GET", "/api/v1/status");
        assertThat(internal.status()).isEqualTo(500);
        assertThat(internal.detail()).doesNotContain("/secret/path").doesNotContain("IllegalStateException");
        assertThat(json.write(internal)).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Internal Server Error\","
            + "\"status\":500,\"detail\":\"the request failed on the server; its log has the cause\",\"instance\":\"/api/v1/status\"}");
    }
}
