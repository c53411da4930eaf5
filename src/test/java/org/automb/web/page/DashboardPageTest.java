package org.automb.web.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.automb.jobs.store.DeliveryRecord;
import org.automb.jobs.store.JobState;
import org.automb.reliability.ChildServiceHarness;
import org.automb.reliability.ServiceProcess;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in real headless Chromium against the real service in a child JVM (real HTTP server, real job
 * store, real ffmpeg on generated audio): log in, watch a book go from the queue to done with its progress bar
 * moving, open a failed book, fix it, press Retry and see it converted; a phone-sized screen; the banner when the
 * service is gone. Screenshots of each step land in {@code target/screenshots/DashboardPageTest/<test>/}.
 */
class DashboardPageTest {

    private static final String USER = "admin";
    private static final String PASSWORD = "page-test-password";
    private static final TestAudio AUDIO = TestAudio.bundled();
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration CONVERSION = Duration.ofMinutes(3);

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ServiceProcess service;
    private Browser browser;
    private String testName;

    @BeforeEach
    void chromium(TestInfo info) {
        Assumptions.assumeTrue(Files.isExecutable(Browser.CHROMIUM), "no " + Browser.CHROMIUM + ": browser tests skipped");
        testName = info.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void logInWatchABookConvertFromTheQueueToDoneThenAPhoneScreenAndTheServiceGone() throws Exception {
        String book = "A Generated Book";
        // 20 minutes of audio: an encode that lasts long enough to see its bar move twice, yet a quick test
        Path staged = AUDIO.mp3(harness.staging().resolve(book).resolve(book + ".mp3"), 20 * 60,
            Map.of("title", book, "artist", "Test Author"));
        // the wait before a book is taken keeps it in the queue long enough to be seen there
        String base = startService("", "--wait-time=5");
        browser = Browser.open("DashboardPageTest/" + testName, 1280, 900);

        browser.get(base + "login");
        browser.await(Duration.ofSeconds(20), "the login form", d -> browser.byTestId("username").isDisplayed());
        browser.screenshot("01-login");
        logIn("not-the-password");
        WebElement error = browser.await(Duration.ofSeconds(20), "the login error",
            d -> browser.byTestId("login-error").isDisplayed() ? browser.byTestId("login-error") : null);
        assertThat(error.getText()).as("the 401 problem's detail").isNotBlank();
        assertThat(browser.currentUrl()).endsWith("/login");
        browser.screenshot("02-login-refused");

        logIn(PASSWORD);
        browser.await(Duration.ofSeconds(20), "the empty state", d -> browser.byTestId("empty-state").isDisplayed());
        assertThat(browser.currentUrl()).isEqualTo(base);
        assertThat(browser.byTestId("inbox-path").getText()).isEqualTo(harness.inbox().toString());
        assertThat(browser.byTestId("service-state").getText()).isEqualTo("running");
        assertThat(browser.byTestId("banner-unreachable").isDisplayed()).isFalse();
        assertThat(totals("converted", "lifetime")).isEqualTo("0");
        browser.screenshot("03-empty-state");

        Files.move(staged.getParent(), harness.inbox().resolve(book));
        String queued = browser.await(Duration.ofSeconds(30), "the book in the queue", d -> queueState(book));
        assertThat(queued).as("queued before it converts").isIn("waiting", "pending");
        assertThat(browser.byTestId("empty-state").isDisplayed()).as("the empty state is gone").isFalse();
        browser.screenshot("04-queued");

        // the bar read at moments apart: at least two different values below 100 while it converts
        Set<Double> seen = new LinkedHashSet<>();
        List<String> speeds = new ArrayList<>();
        browser.await(CONVERSION, "the progress bar of " + book + " moving", d -> {
            Double value = progressValue(book);
            if (value != null && value > 0 && value < 100 && seen.add(value)) {
                speeds.add(text("#in-progress-list [data-testid=progress-speed]"));
                browser.screenshot(seen.size() == 1 ? "05-in-progress" : "06-in-progress-later");
            }
            return seen.size() >= 2 ? true : null;
        });
        List<Double> values = new ArrayList<>(seen);
        assertThat(values.get(1)).as("the bar moves forward; seen %s", values).isGreaterThan(values.get(0));
        assertThat(speeds).as("the speed shown").anyMatch(speed -> speed.matches("speed \\d+(\\.\\d)?×"));
        browser.script("document.getElementById('charts').scrollIntoView();");
        browser.screenshot("07-charts");
        browser.script("window.scrollTo(0, 0);");

        browser.await(CONVERSION, "the book among recent conversions",
            d -> "converted".equals(recentOutcome(book)) ? true : null);
        assertThat(harness.converted().resolve(book).resolve(book + ".m4b")).isRegularFile();
        browser.await(Duration.ofSeconds(20), "the totals counting the book",
            d -> "1".equals(totals("converted", "lifetime")) ? true : null);
        assertThat(totals("converted", "session")).isEqualTo("1");
        assertThat(totals("failed", "lifetime")).isEqualTo("0");
        assertThat(progressValue(book)).as("no longer in progress").isNull();
        assertThat(browser.byTestId("chart-daily-summary").getText()).contains("1 converted");
        browser.screenshot("08-done");

        assertFitsAPhone("09-phone");

        service.kill();
        browser.await(Duration.ofSeconds(30), "the unreachable banner", d -> browser.byTestId("banner-unreachable").isDisplayed());
        assertThat(browser.byTestId("service-state").getText()).isEqualTo("unreachable");
        browser.screenshot("10-service-gone");
        assertNoScriptErrors();
    }

    @Test
    void aFailedBookShowsItsFailedInfoIsRetriedOnceFixedThenApprovedFromReviewThenLogOut() throws Exception {
        String book = "Corrupt Book";
        String file = "01 - Noise.mp3";
        // under a URL_BASE, as behind a reverse proxy: every URL of the page is relative to it; with the review gate
        String base = startService("/automb", "--review-before-release=Y",
            "--review-folder=" + harness.root().resolve("review"));
        browser = Browser.open("DashboardPageTest/" + testName, 1280, 900);
        browser.get(base);
        browser.await(Duration.ofSeconds(20), "the redirect to the login page", d -> browser.currentUrl().endsWith("/automb/login"));
        logIn(PASSWORD);
        browser.await(Duration.ofSeconds(20), "the empty state", d -> browser.byTestId("empty-state").isDisplayed());

        Path stage = Files.createDirectories(harness.staging().resolve(book));
        randomBytes(stage.resolve(file), 30_000, 42);
        Files.move(stage, harness.inbox().resolve(book));
        browser.await(CONVERSION, "the book among the failures", d -> linkIn("[data-testid=failure-item]", book));
        assertThat(text("[data-testid=failure-item] [data-testid=failure-error]")).contains(file);
        browser.screenshot("01-failed-list");
        assertFitsAPhone("01-phone-failed-list");

        // a notification about the failure, as the notification routes record it, shows in the book's details
        harness.store(store -> store.deliveries().record(new DeliveryRecord(0, java.time.Instant.now(), book, "failed",
            "ntfys://ntfy.example.org/***", "ntfy", "failed", 5, 503, "ntfy.example.org answered 503")));
        clickFresh(() -> linkIn("[data-testid=failure-item]", book));
        browser.await(Duration.ofSeconds(20), "the FAILED_INFO text", d -> browser.byTestId("job-failed-info").isDisplayed());
        WebElement delivery = browser.driver().findElement(By.cssSelector("[data-testid=job-deliveries] [data-testid=delivery-row]"));
        assertThat(delivery.getAttribute("data-outcome")).isEqualTo("failed");
        assertThat(delivery.getText()).contains("ntfys://ntfy.example.org/***").contains("503 ntfy.example.org answered 503");
        assertThat(browser.byTestId("job-title").getText()).isEqualTo(book);
        assertThat(browser.byTestId("job-state").getText()).isEqualTo("failed");
        assertThat(browser.byTestId("job-failed-info").getText()).contains("Book name:    " + book).contains(file);
        assertThat(browser.byTestId("job-error").getText()).contains(file);
        browser.screenshot("02-failed-details");

        // the user replaces the bad file in the failed folder with a good one, then presses Retry
        Path failedFolder = onlyFolderIn(harness.failed());
        Path good = AUDIO.mp3(harness.staging().resolve("fixed.mp3"), 2.0, Map.of("title", "Noise, fixed"));
        Files.move(good, failedFolder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        clickFresh(() -> browser.driver().findElement(By.cssSelector("#job-actions [data-testid=action-retry]")));
        browser.await(Duration.ofSeconds(10), "the confirmation", d -> browser.byTestId("confirm-dialog").isDisplayed());
        assertThat(browser.byTestId("confirm-title").getText()).contains("Retry").contains(book);
        browser.screenshot("03-confirm-retry");
        browser.byTestId("confirm-ok").click();
        WebElement result = browser.await(Duration.ofSeconds(20), "the action's result",
            d -> browser.byTestId("job-action-result").isDisplayed() ? browser.byTestId("job-action-result") : null);
        assertThat(result.getAttribute("data-outcome")).as("result: %s", result.getText()).isEqualTo("ok");

        // with the review gate on, the converted book waits for approval: the review list offers Approve
        browser.await(CONVERSION, "the details showing the book waiting for review",
            d -> "review".equals(browser.byTestId("job-state").getAttribute("data-state")) ? true : null);
        browser.screenshot("04-retried-in-review");
        browser.byTestId("job-close").click();
        browser.await(Duration.ofSeconds(20), "the book in the review list", d -> linkIn("[data-testid=review-item]", book));
        browser.await(Duration.ofSeconds(20), "no failures left", d -> linkIn("[data-testid=failure-item]", book) == null);
        browser.screenshot("05-review-list");
        clickFresh(() -> browser.driver().findElement(By.cssSelector("[data-testid=review-item] [data-testid=action-approve]")));
        browser.await(Duration.ofSeconds(10), "the confirmation", d -> browser.byTestId("confirm-dialog").isDisplayed());
        assertThat(browser.byTestId("confirm-title").getText()).contains("Approve").contains(book);
        browser.byTestId("confirm-ok").click();
        WebElement approved = browser.await(Duration.ofSeconds(20), "the approval's result",
            d -> browser.byTestId("action-result").isDisplayed() ? browser.byTestId("action-result") : null);
        assertThat(approved.getAttribute("data-outcome")).as("result: %s", approved.getText()).isEqualTo("ok");

        browser.await(Duration.ofSeconds(30), "the review list gone once the book is released",
            d -> !browser.byTestId("review").isDisplayed());
        await().atMost(Duration.ofSeconds(30)).alias("the book released into the converted folder")
            .until(() -> Files.isRegularFile(harness.converted().resolve(book).resolve(book + ".m4b")));
        JobState stored = harness.store(store -> store.find(book).orElseThrow().state());
        assertThat(stored).isEqualTo(JobState.DONE);
        browser.await(Duration.ofSeconds(20), "the book among recent conversions",
            d -> "converted".equals(recentOutcome(book)) ? true : null);
        browser.await(Duration.ofSeconds(20), "the audit log naming the retry and the approval",
            d -> !browser.all("[data-testid=audit-row][data-action=retry]").isEmpty()
                && !browser.all("[data-testid=audit-row][data-action=approve]").isEmpty());
        browser.screenshot("06-approved-audit");

        browser.byTestId("logout").click();
        browser.await(Duration.ofSeconds(20), "the login page after logging out", d -> browser.currentUrl().endsWith("/automb/login"));
        browser.get(base);
        browser.await(Duration.ofSeconds(20), "the page refused without the session", d -> browser.currentUrl().endsWith("/automb/login"));
        assertNoScriptErrors();
    }

    @Test
    void withAuthenticationOffThePageOpensWithoutALoginAndSaysSo() throws Exception {
        String base = startService(Map.of("AUTH_METHOD", "none"), "");
        browser = Browser.open("DashboardPageTest/" + testName, 1280, 900);
        browser.get(base);
        browser.await(Duration.ofSeconds(20), "the warning banner", d -> browser.byTestId("banner-auth-none").isDisplayed());
        assertThat(browser.currentUrl()).as("no login page").isEqualTo(base);
        assertThat(browser.byTestId("banner-auth-none").getText()).contains("AUTH_METHOD=none");
        assertThat(browser.byTestId("logout").isDisplayed()).as("nothing to log out of").isFalse();
        browser.await(Duration.ofSeconds(20), "the empty state", d -> browser.byTestId("empty-state").isDisplayed());
        browser.screenshot("01-auth-none");
        assertNoScriptErrors();
    }

    // ---------- the service ----------

    /** Starts the service with a login and returns the page's URL ({@code http://127.0.0.1:<port><urlBase>/}). */
    private String startService(String urlBase, String... options) throws IOException {
        return startService(Map.of(), urlBase, options);
    }

    /** The same, with more environment variables for the service. */
    private String startService(Map<String, String> environment, String urlBase, String... options) throws IOException {
        int port = freePort();
        List<String> all = new ArrayList<>(List.of("--http-port=" + port, "--http-host=127.0.0.1"));
        all.addAll(List.of(options));
        Map<String, String> env = new HashMap<>(
            Map.of("AUTH_USERNAME", USER, "AUTH_PASSWORD", PASSWORD, "URL_BASE", urlBase));
        env.putAll(environment);
        service = harness.start("service", env, all.toArray(String[]::new));
        String base = "http://127.0.0.1:" + port + urlBase + "/";
        await().atMost(STARTUP).pollInterval(Duration.ofMillis(250))
            .failFast("the service ended", () -> !service.isAlive())
            .alias("the login page answers 200").until(() -> status(base + "login") == 200);
        return base;
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    // ---------- the page ----------

    private void logIn(String password) {
        WebElement user = browser.byTestId("username");
        user.clear();
        user.sendKeys(USER);
        WebElement field = browser.byTestId("password");
        field.clear();
        field.sendKeys(password);
        browser.byTestId("login-submit").click();
    }

    /** The state shown for {@code book} in the queue table, or null when it is not there. */
    private String queueState(String book) {
        return (String) browser.script("""
            for (const row of document.querySelectorAll('[data-testid=queue-row]')) {
              if (row.querySelector('[data-testid=job-link]').textContent === arguments[0]) return row.dataset.state;
            }
            return null;""", book);
    }

    /** The value of {@code book}'s progress bar, or null when it is not in progress. */
    private Double progressValue(String book) {
        Object value = browser.script("""
            for (const item of document.querySelectorAll('[data-testid=progress-item]')) {
              if (item.querySelector('[data-testid=job-link]').textContent === arguments[0])
                return item.querySelector('[data-testid=progress-bar]').value;
            }
            return null;""", book);
        return value == null ? null : ((Number) value).doubleValue();
    }

    /** The outcome shown for {@code book} among recent conversions, or null. */
    private String recentOutcome(String book) {
        return (String) browser.script("""
            for (const row of document.querySelectorAll('[data-testid=recent-row]')) {
              if (row.querySelector('td').textContent === arguments[0]) return row.dataset.outcome;
            }
            return null;""", book);
    }

    /** A cell of the totals table: {@code row} as in {@code totals-converted}, {@code column} lifetime or session. */
    private String totals(String row, String column) {
        return text("[data-testid=totals-" + row + "] [data-testid=" + column + "]");
    }

    private String text(String css) {
        return (String) browser.script("const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css);
    }

    private long widthOf(String element) {
        return ((Number) browser.script("return " + element + ".scrollWidth;")).longValue();
    }

    /** On a 390×844 phone screen the page has no horizontal overflow; saves a screenshot as {@code step}. */
    private void assertFitsAPhone(String step) {
        browser.phone(390, 844);
        try {
            browser.await(Duration.ofSeconds(10), "the phone viewport",
                d -> ((Number) browser.script("return window.innerWidth;")).longValue() == 390);
            long clientWidth = ((Number) browser.script("return document.documentElement.clientWidth;")).longValue();
            assertThat(widthOf("document.documentElement")).as("no horizontal overflow on a phone")
                .isLessThanOrEqualTo(clientWidth);
            assertThat(widthOf("document.body")).as("no horizontal overflow on a phone").isLessThanOrEqualTo(clientWidth);
            browser.screenshot(step);
        } finally {
            browser.noPhone();
        }
    }

    /** The job link named {@code name} inside the elements matching {@code container}, or null. */
    private WebElement linkIn(String container, String name) {
        try {
            for (WebElement link : browser.all(container + " [data-testid=job-link]")) {
                if (link.getText().equals(name)) {
                    return link;
                }
            }
        } catch (StaleElementReferenceException e) {
            return null; // the list was redrawn under us: the next poll reads the new one
        }
        return null;
    }

    /** Clicks the element {@code find} returns, looked up again when a redraw of the list replaced it. */
    private void clickFresh(Supplier<WebElement> find) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20), Duration.ofMillis(100))
            .ignoring(StaleElementReferenceException.class)
            .until(d -> {
                WebElement element = find.get();
                if (element == null) {
                    return false;
                }
                element.click();
                return true;
            });
    }

    /** No uncaught script error in the browser's console (failed requests the page handles are fine). */
    private void assertNoScriptErrors() {
        List<String> errors = browser.driver().manage().logs().get(LogType.BROWSER).getAll().stream()
            .map(LogEntry::getMessage)
            .filter(message -> message.contains("Uncaught") || message.contains("TypeError") || message.contains("ReferenceError"))
            .toList();
        assertThat(errors).as("script errors on the page").isEmpty();
    }

    // ---------- files ----------

    private static Path randomBytes(Path file, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(file, bytes);
    }

    private static Path onlyFolderIn(Path parent) throws IOException {
        try (Stream<Path> entries = Files.list(parent)) {
            List<Path> folders = entries.filter(Files::isDirectory).toList();
            assertThat(folders).as("folders in %s", parent).hasSize(1);
            return folders.get(0);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
