package org.automb.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.automb.jobs.store.DeliveryRecord;
import org.automb.status.JobIds;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The REST API as a script meets it: one real service (child JVM, URL_BASE=/automb, real books converted by real
 * ffmpeg), real HTTP with the API key. The tests run in order on the same service: an empty store first, then books
 * converted and one failed, then paging, bad requests, unknown and path-like ids, actions and their audit rows, a
 * running book; last, every answer they got is checked against the service's own OpenAPI document.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiRoutesTest {

    private static final String EMPTY_PAGE = "{\"items\":[],\"page\":1,\"size\":20,\"total\":0,\"pages\":0}";

    @RegisterExtension
    static final ApiService API = new ApiService("/automb");

    @Test
    @Order(1)
    void aFreshStoreAnswersEmptyPagesAndZeroCounts() {
        ApiService.Exchange status = API.get("/status");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.contentType()).startsWith("application/json");
        JsonNode document = status.json();
        document.get("counts").forEach(count -> assertThat(count.asInt()).isZero());
        assertThat(document.get("counts").size()).isEqualTo(10);
        assertThat(document.get("inProgress")).isEmpty();
        assertThat(document.get("queue")).isEmpty();
        assertThat(document.get("queued").asInt()).isZero();
        assertThat(document.get("daily")).hasSize(30);

        for (String list : List.of("/queue", "/jobs", "/audit")) {
            ApiService.Exchange page = API.get(list);
            assertThat(page.status()).as(list).isEqualTo(200);
            assertThat(page.body()).as(list).isEqualTo(EMPTY_PAGE);
        }
    }

    @Test
    @Order(2)
    void withoutTheKeyEveryRouteIs401() throws Exception {
        for (String[] request : List.of(new String[] {"GET", "/status"}, new String[] {"GET", "/jobs"},
                new String[] {"GET", "/openapi.json"}, new String[] {"POST", "/jobs/" + JobIds.idOf("x") + "/retry"},
                new String[] {"DELETE", "/jobs/" + JobIds.idOf("x")})) {
            ApiService.Exchange answer = API.withoutKey(request[0], request[1]);
            assertProblem(answer, 401, API.urlBase() + "/api/v1" + request[1]);
        }
        assertThat(API.get("/audit").body()).as("a refused request is no action").isEqualTo(EMPTY_PAGE);
    }

    @Test
    @Order(3)
    void finishedBooksAreListedAndPagedInAStableOrder() throws Exception {
        for (String book : List.of("Book A", "Book B", "Book C")) {
            API.dropBook(book, 2);
        }
        API.dropBrokenBook("Broken Book");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() ->
            API.get("/jobs?status=done,failed").json().get("total").asInt() == 4);

        JsonNode first = API.get("/jobs?status=done,failed&page=1&size=3").json();
        JsonNode second = API.get("/jobs?status=done,failed&page=2&size=3").json();
        assertThat(first.get("items")).hasSize(3);
        assertThat(second.get("items")).hasSize(1);
        for (JsonNode page : List.of(first, second)) {
            assertThat(page.get("total").asInt()).isEqualTo(4);
            assertThat(page.get("pages").asInt()).isEqualTo(2);
            assertThat(page.get("size").asInt()).isEqualTo(3);
        }
        List<String> keys = new ArrayList<>(keys(first));
        keys.addAll(keys(second));
        assertThat(keys).containsExactlyInAnyOrder("Book A", "Book B", "Book C", "Broken Book");
        assertThat(keys(API.get("/jobs?status=done,failed&page=1&size=3").json())).as("the same page again")
            .isEqualTo(keys(first));
        assertThat(API.get("/jobs?status=done&size=200").json().get("total").asInt()).isEqualTo(3);
        assertThat(API.get("/queue").body()).isEqualTo(EMPTY_PAGE);

        JsonNode done = API.get("/jobs/" + JobIds.idOf("Book A")).json();
        assertThat(done.get("id").asText()).isEqualTo(JobIds.idOf("Book A"));
        assertThat(done.get("name").asText()).isEqualTo("Book A");
        assertThat(done.get("state").asText()).isEqualTo("done");
        assertThat(done.get("outputPath").asText()).endsWith(".m4b");
        assertThat(done.get("manifest").isObject()).as("intake.json beside the book").isTrue();
        assertThat(done.get("events")).isNotEmpty();
        assertThat(done.get("actions")).extracting(JsonNode::asText).contains("reprocess", "tag").doesNotContain("approve");

        JsonNode broken = API.get("/jobs/" + JobIds.idOf("Broken Book")).json();
        assertThat(broken.get("state").asText()).isEqualTo("failed");
        assertThat(broken.get("error").asText()).isNotBlank();
        assertThat(broken.get("failedInfo").asText()).as("FAILED_INFO.txt").isNotBlank();
        assertThat(broken.get("actions")).extracting(JsonNode::asText).contains("retry");

        // the deliveries of a book's events, as the notification routes record them, come with the job, newest first
        assertThat(done.get("deliveries")).as("nothing delivered without destinations").isEmpty();
        API.store(store -> store.deliveries().record(new DeliveryRecord(0, Instant.parse("2026-01-02T10:00:00Z"),
            "Broken Book", "failed", "discord://***", "discord", "failed", 5, 503, "discord.com answered 503 five times")));
        API.store(store -> store.deliveries().record(new DeliveryRecord(0, Instant.parse("2026-01-02T10:00:01Z"),
            "Broken Book", "failed", "http://hooks.example/***", "webhook", "sent", 1, null, null)));
        JsonNode deliveries = API.get("/jobs/" + JobIds.idOf("Broken Book")).json().get("deliveries");
        assertThat(deliveries).hasSize(2);
        assertThat(deliveries.get(0).get("destination").asText()).isEqualTo("http://hooks.example/***");
        assertThat(deliveries.get(0).get("outcome").asText()).isEqualTo("sent");
        assertThat(deliveries.get(0).get("statusCode").isNull()).isTrue();
        assertThat(deliveries.get(1).get("at").asText()).isEqualTo("2026-01-02T10:00:00Z");
        assertThat(deliveries.get(1).get("event").asText()).isEqualTo("failed");
        assertThat(deliveries.get(1).get("kind").asText()).isEqualTo("discord");
        assertThat(deliveries.get(1).get("attempts").asInt()).isEqualTo(5);
        assertThat(deliveries.get(1).get("statusCode").asInt()).isEqualTo(503);
        assertThat(deliveries.get(1).get("detail").asText()).isEqualTo("discord.com answered 503 five times");

        JsonNode status = API.get("/status").json();
        assertThat(status.get("counts").get("done").asInt()).isEqualTo(3);
        assertThat(status.get("counts").get("failed").asInt()).isEqualTo(1);
        assertThat(status.get("recentFailures")).hasSize(1);
    }

    @Test
    @Order(4)
    void badParametersAndBodiesAre400Problems() {
        String base = API.urlBase() + "/api/v1";
        for (String query : List.of("/jobs?page=0", "/jobs?size=1000", "/jobs?size=0", "/jobs?status=bogus",
                "/jobs?status=done,nonsense", "/queue?page=abc", "/audit?size=201")) {
            ApiService.Exchange answer = API.get(query);
            assertProblem(answer, 400, base + query.substring(0, query.indexOf('?')));
            String parameter = query.substring(query.indexOf('?') + 1, query.indexOf('='));
            assertThat(answer.json().get("detail").asText()).as(query).contains(parameter);
        }
        String done = "/jobs/" + JobIds.idOf("Book A");
        for (String body : List.of("{not json", "[1,2]", "{\"asin\": 42}")) {
            assertProblem(API.post(done + "/tag", body), 400, base + done + "/tag");
        }
        assertProblem(API.post(done + "/reject", "{\"reason\": "), 400, base + done + "/reject");
    }

    @Test
    @Order(5)
    void unknownAndPathLikeIdsAre404AndTouchNothing() throws Exception {
        String base = API.urlBase() + "/api/v1";
        for (String id : List.of(JobIds.idOf("No Such Book"), "..%2F..%2Fetc", "Li4vLi4v", JobIds.idOf("../../etc"),
                "%2Fetc%2Fpasswd", JobIds.idOf("/etc/passwd"), JobIds.idOf(API.inbox().resolve("Book A").toString()),
                "Qm9vayBB=", "not%20base64!")) {
            String path = "/jobs/" + id;
            assertProblem(API.get(path), 404, null);
            assertProblem(API.post(path + "/retry", null), 404, null);
            assertProblem(API.delete(path), 404, null);
        }
        assertProblem(API.get("/no/such/route"), 404, base + "/no/such/route");
        assertThat(Files.exists(API.failed())).isTrue();
        assertThat(API.get("/jobs").json().get("total").asInt()).as("no job forgotten").isEqualTo(4);
    }

    @Test
    @Order(6)
    void actionsAnswer202Or409AndEachIsAnAuditRow() {
        String doneId = JobIds.idOf("Book A");
        String base = API.urlBase() + "/api/v1";
        assertProblem(API.post("/jobs/" + doneId + "/approve", null), 409, base + "/jobs/" + doneId + "/approve");
        assertProblem(API.post("/jobs/" + doneId + "/retry", null), 409, null);
        assertProblem(API.post("/jobs/" + doneId + "/skip-conversion", null), 409, null);
        assertProblem(API.post("/jobs/" + doneId + "/reject", "{\"reason\":\"wrong book\"}"), 409, null);

        ApiService.Exchange retry = API.post("/jobs/" + JobIds.idOf("Broken Book") + "/retry", null);
        assertThat(retry.status()).as(retry.body()).isEqualTo(202);
        assertThat(retry.contentType()).startsWith("application/json");
        JsonNode result = retry.json();
        assertThat(result.get("action").asText()).isEqualTo("retry");
        assertThat(result.get("job").get("key").asText()).isEqualTo("Broken Book");
        assertThat(result.get("auditId").asLong()).isPositive();
        assertThat(result.get("message").asText()).isNotBlank();

        String forgottenId = JobIds.idOf("Book C");
        ApiService.Exchange forget = API.delete("/jobs/" + forgottenId);
        assertThat(forget.status()).as(forget.body()).isEqualTo(204);
        assertThat(forget.body()).isEmpty();
        assertProblem(API.get("/jobs/" + forgottenId), 404, null);

        JsonNode audit = API.get("/audit?size=200").json();
        List<String> rows = new ArrayList<>();
        for (JsonNode row : audit.get("items")) {
            assertThat(row.get("actor").asText()).as("requests made with the key").isEqualTo("api-key");
            rows.add(row.get("action").asText() + " " + row.get("key").asText() + " " + row.get("result").asText());
            if (row.get("key").asText().equals("Broken Book")) {
                assertThat(row.get("jobId").asText()).isEqualTo(JobIds.idOf("Broken Book"));
            }
        }
        assertThat(rows).as("newest first").startsWith("delete Book C accepted", "retry Broken Book accepted");
        assertThat(rows).anyMatch(r -> r.startsWith("approve Book A ") && !r.endsWith(" accepted"))
            .anyMatch(r -> r.startsWith("retry Book A ") && !r.endsWith(" accepted"))
            .anyMatch(r -> r.startsWith("reject Book A ") && !r.endsWith(" accepted"));
        assertThat(rows).as("unknown ids are no job's audit").noneMatch(r -> r.contains("No Such Book"));
        assertThat(audit.get("total").asInt()).isEqualTo(rows.size());
    }

    @Test
    @Order(7)
    void statusCommandPrintsTheDocumentTheApiServes() throws Exception {
        // a settled store (nothing queued or running), so both read the same rows
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode status = API.get("/status").json();
            return status.get("queued").asInt() == 0 && status.get("inProgress").isEmpty();
        });
        JsonNode api = API.get("/status").json();
        JsonNode command = API.statusCommandJson();
        assertThat(api.get("totals").get("lifetime").get("converted").asInt()).as("books to agree on").isPositive();
        assertThat(api.get("recentFailures")).as("failures to agree on").isNotEmpty();

        // what moves between two reads: the clock and the disks' free space
        for (JsonNode document : List.of(api, command)) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) document.get("service")).remove(List.of("uptimeSeconds", "heartbeatAt"));
            document.get("folders").forEach(folder ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) folder).remove("freeBytes"));
        }
        assertThat(command).isEqualTo(api);
    }

    @Test
    @Order(8)
    void aRunningBookCannotBeForgotten() {
        API.dropBook("Long Book", 900);
        String id = JobIds.idOf("Long Book");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
            API.get("/jobs?status=converting").json().get("total").asInt() == 1);
        ApiService.Exchange delete = API.delete("/jobs/" + id);
        assertProblem(delete, 409, API.urlBase() + "/api/v1/jobs/" + id);
        assertThat(delete.json().get("detail").asText()).contains("Long Book");
        JsonNode queue = API.get("/queue").json();
        assertThat(queue.get("items")).extracting(j -> j.get("key").asText()).contains("Long Book");
    }

    @Test
    @Order(9)
    void cancelSkipConversionAndReprocessThroughTheApi() {
        // the running book of the test before: cancelled, then delivered as it is
        String longId = JobIds.idOf("Long Book");
        ApiService.Exchange cancel = API.post("/jobs/" + longId + "/cancel", null);
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(202);
        assertThat(cancel.json().get("action").asText()).isEqualTo("cancel");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
            API.get("/jobs/" + longId).json().get("state").asText().equals("cancelled"));
        assertThat(API.inbox().resolve("Long Book")).as("a cancelled book stays in the inbox").isDirectory();

        ApiService.Exchange skip = API.post("/jobs/" + longId + "/skip-conversion", null);
        assertThat(skip.status()).as(skip.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
            API.get("/jobs/" + longId).json().get("state").asText().equals("done"));
        assertThat(API.get("/jobs/" + longId).json().get("outputPath").asText()).endsWith(".mp3");

        // a converted book converted again from its archived originals
        String bookB = JobIds.idOf("Book B");
        String firstFinish = API.get("/jobs/" + bookB).json().get("finishedAt").asText();
        ApiService.Exchange reprocess = API.post("/jobs/" + bookB + "/reprocess", null);
        assertThat(reprocess.status()).as(reprocess.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode job = API.get("/jobs/" + bookB).json();
            return job.get("state").asText().equals("done") && !job.get("finishedAt").asText().equals(firstFinish);
        });
        assertThat(API.get("/jobs/" + bookB).json().get("runs")).hasSize(2);

        List<String> rows = new ArrayList<>();
        API.get("/audit?size=200").json().get("items").forEach(row ->
            rows.add(row.get("action").asText() + " " + row.get("key").asText() + " " + row.get("result").asText()));
        assertThat(rows).startsWith("reprocess Book B accepted", "skip-conversion Long Book accepted",
            "cancel Long Book accepted");
    }

    @Test
    @Order(10)
    void theOpenApiDocumentDescribesEveryAnswer() throws Exception {
        ApiService.Exchange served = API.raw("/api/v1/openapi.json");
        assertThat(served.status()).isEqualTo(200);
        JsonNode document = served.json();
        assertThat(document.get("openapi").asText()).startsWith("3.");
        Set<String> operations = new HashSet<>();
        document.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
            .forEachRemaining(m -> operations.add(m + " " + p.getKey())));
        assertThat(operations).contains("get /status", "get /queue", "get /jobs", "get /jobs/{id}", "get /audit",
            "post /jobs/{id}/retry", "post /jobs/{id}/skip-conversion", "post /jobs/{id}/reprocess",
            "post /jobs/{id}/tag", "post /jobs/{id}/cancel", "post /jobs/{id}/approve", "post /jobs/{id}/reject",
            "delete /jobs/{id}", "post /pause", "post /resume");

        OpenApiCheck check = new OpenApiCheck(document);
        List<String> problems = new ArrayList<>();
        Set<Integer> statuses = new HashSet<>();
        for (ApiService.Exchange exchange : API.exchanges()) {
            if (exchange.path().startsWith("/no/such/route")) {
                continue; // no operation: answered by the API's catch-all
            }
            statuses.add(exchange.status());
            problems.addAll(check.problems(exchange));
        }
        assertThat(statuses).as("answers checked").contains(200, 202, 204, 400, 404, 409);
        assertThat(problems).isEmpty();
    }

    private static List<String> keys(JsonNode page) {
        List<String> keys = new ArrayList<>();
        page.get("items").forEach(item -> keys.add(item.get("key").asText()));
        return keys;
    }

    /** An RFC 9457 problem of {@code status}; its instance is {@code instance} when given. */
    private static void assertProblem(ApiService.Exchange answer, int status, String instance) {
        assertThat(answer.status()).as(answer.method() + " " + answer.path() + ": " + answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.path()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.get("type").asText()).isEqualTo("about:blank");
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        if (instance != null) {
            assertThat(problem.get("instance").asText()).isEqualTo(instance);
        }
    }

    @Test
    @Order(11)
    void pauseAndResumeThroughTheApiAreAuditedAndRefusedWithoutCredentials() throws Exception {
        assertThat(API.withoutKey("POST", "/pause").status()).isEqualTo(401);
        ApiService.Exchange pause = API.post("/pause", null);
        assertThat(pause.status()).as(pause.body()).isEqualTo(200);
        assertThat(pause.json().get("paused").asBoolean()).isTrue();
        assertThat(pause.json().get("actor").asText()).isNotBlank();
        assertThat(API.get("/audit").json().get("items").get(0).get("action").asText()).isEqualTo("pause");
        ApiService.Exchange resume = API.post("/resume", null);
        assertThat(resume.status()).as(resume.body()).isEqualTo(200);
        assertThat(resume.json().get("paused").asBoolean()).isFalse();
        assertThat(API.get("/audit").json().get("items").get(0).get("action").asText()).isEqualTo("resume");
    }
}
