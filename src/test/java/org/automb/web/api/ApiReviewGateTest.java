package org.automb.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.automb.status.JobIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The review gate through the API (REVIEW_BEFORE_RELEASE=Y, real service, URL_BASE empty): converted books wait in
 * review; approve releases one (202, then done), reject needs a reason (400 without) and sets one aside (202, then
 * failed); each decision is an audit row; the answers match the OpenAPI document.
 */
class ApiReviewGateTest {

    @RegisterExtension
    static final ApiService API = new ApiService("", "--review-before-release=Y", "--review-folder={root}/review");

    @Test
    void booksWaitForReviewAndAreApprovedOrRejectedWithAReason() throws Exception {
        API.dropBook("Good Book", 2);
        API.dropBook("Wrong Book", 2);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() ->
            API.get("/jobs?status=review").json().get("total").asInt() == 2);
        String good = JobIds.idOf("Good Book");
        String wrong = JobIds.idOf("Wrong Book");
        assertThat(API.get("/jobs/" + good).json().get("actions")).extracting(JsonNode::asText)
            .contains("approve", "reject");

        ApiService.Exchange approve = API.post("/jobs/" + good + "/approve", null);
        assertThat(approve.status()).as(approve.body()).isEqualTo(202);
        assertThat(approve.json().get("action").asText()).isEqualTo("approve");
        assertThat(approve.json().get("job").get("state").asText()).isEqualTo("done");

        for (String body : new String[] {null, "{}", "{\"reason\":\"  \"}"}) {
            ApiService.Exchange noReason = API.post("/jobs/" + wrong + "/reject", body);
            assertThat(noReason.status()).as(noReason.body()).isEqualTo(400);
            assertThat(noReason.contentType()).startsWith("application/problem+json");
            assertThat(noReason.json().get("detail").asText()).contains("reason");
        }
        ApiService.Exchange reject = API.post("/jobs/" + wrong + "/reject", "{\"reason\":\"wrong narrator\"}");
        assertThat(reject.status()).as(reject.body()).isEqualTo(202);
        assertThat(reject.json().get("job").get("state").asText()).isEqualTo("failed");
        assertThat(API.post("/jobs/" + good + "/approve", null).status()).as("approved already").isEqualTo(409);

        List<String> rows = new ArrayList<>();
        API.get("/audit").json().get("items").forEach(row -> rows.add(row.get("actor").asText() + " "
            + row.get("action").asText() + " " + row.get("key").asText() + " " + row.get("result").asText()));
        assertThat(rows).as("newest first").hasSize(3);
        assertThat(rows.get(0)).startsWith("api-key approve Good Book ").doesNotEndWith(" accepted");
        assertThat(rows.subList(1, 3)).containsExactly("api-key reject Wrong Book accepted",
            "api-key approve Good Book accepted");

        OpenApiCheck check = new OpenApiCheck(API.raw("/api/v1/openapi.json").json());
        List<String> problems = new ArrayList<>();
        API.exchanges().forEach(exchange -> problems.addAll(check.problems(exchange)));
        assertThat(problems).isEmpty();
    }
}
