package org.automb.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.automb.actions.ActionResult;
import org.automb.actions.JobActions;
import org.automb.actions.TagRequest;
import org.automb.status.JobDetail;
import org.automb.status.StatusDocument;
import org.automb.status.StatusService;

/**
 * What each route of routes/api.camel.yaml asks for, one small method per route: the request's parameters
 * (query and path, as Camel's headers) and body turned into the services' types. A job id goes to the status
 * service or the job actions, which look it up in the job store; it is never turned into a path here.
 */
public final class ApiEndpoints {

    /** The body of {@code POST /jobs/{id}/reject}. @param reason why the book is rejected (required) */
    public record RejectBody(String reason) {
    }

    /** The path parameter of the job routes. */
    public static final String ID = "id";

    private final StatusService status;
    private final JobActions actions;
    private final ApiActor actor;
    private final ApiJson json;

    public ApiEndpoints(StatusService status, JobActions actions, ApiActor actor, ApiJson json) {
        this.status = status;
        this.actions = actions;
        this.actor = actor;
        this.json = json;
    }

    /** {@code GET /status}: the whole status document. */
    public StatusDocument status() {
        return status.status();
    }

    /** {@code GET /queue}: the books waiting or running, in the order they are taken. */
    public ApiPages.JobPage queue(@Header("page") String page, @Header("size") String size) {
        return ApiPages.JobPage.of(status.queue(ApiParameters.page(page), ApiParameters.size(size)));
    }

    /** {@code GET /jobs}: every job, or those in the states of {@code ?status=}, newest change first. */
    public ApiPages.JobPage jobs(@Header("status") String states, @Header("page") String page,
                                 @Header("size") String size) {
        return ApiPages.JobPage.of(status.jobs(ApiParameters.states(states), ApiParameters.page(page),
            ApiParameters.size(size)));
    }

    /** {@code GET /jobs/{id}}: everything known about one job. */
    public JobDetail job(@Header(ID) String id) {
        return status.job(id).orElseThrow(() -> new ApiNotFound("no job has the id '" + ApiParameters.shorten(id) + "'"));
    }

    /** {@code GET /audit}: the users' actions, newest first. */
    public ApiPages.AuditPage audit(@Header("page") String page, @Header("size") String size) {
        return ApiPages.AuditPage.of(status.audit(ApiParameters.page(page), ApiParameters.size(size)));
    }

    public ActionResult retry(@Header(ID) String id, @Header(ApiActor.USER_HEADER) Object user) {
        return actions.retry(id, actor.of(user));
    }

    public ActionResult skipConversion(@Header(ID) String id, @Header(ApiActor.USER_HEADER) Object user) {
        return actions.skipConversion(id, actor.of(user));
    }

    public ActionResult reprocess(@Header(ID) String id, @Header(ApiActor.USER_HEADER) Object user) {
        return actions.reprocess(id, actor.of(user));
    }

    /** {@code POST /jobs/{id}/tag}, body {@code {"asin","region"}}, both optional (so is the body). */
    public ActionResult tag(@Header(ID) String id, @Header(ApiActor.USER_HEADER) Object user, @Body String body) {
        JsonNode request = json.readObject(body);
        return actions.tag(id, actor.of(user), new TagRequest(ApiJson.text(request, "asin"), ApiJson.text(request, "region")));
    }

    public ActionResult cancel(@Header(ID) String id, @Header(ApiActor.USER_HEADER) Object user) {
        return actions.cancel(id, actor.of(user));
    }

    public ActionResult approve(@Header(ID) String id, @Header(ApiActor.USER_HEADER) Object user) {
        return actions.approve(id, actor.of(user));
    }

    /** {@code POST /jobs/{id}/reject}, body {@link RejectBody}: a missing or blank reason is a 400. */
    public ActionResult reject(@Header(ID) String id, @Header(ApiActor.USER_HEADER) Object user, @Body String body) {
        String reason = ApiJson.text(json.readObject(body), "reason");
        if (reason == null || reason.isBlank()) {
            // JobActions.reject takes any reason; a rejection without one would leave FAILED_INFO.txt saying nothing
            throw new IllegalArgumentException("reason: required, a sentence saying why the book is rejected");
        }
        return actions.reject(id, actor.of(user), new RejectBody(reason).reason());
    }

    /** {@code DELETE /jobs/{id}}: forgets the job, never its files. */
    public void forget(@Header(ID) String id, @Header(ApiActor.USER_HEADER) Object user) {
        actions.forget(id, actor.of(user));
    }
}
