package org.automb.web.page;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.automb.io.SafeMover;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its own chromedriver, with the driver path given explicitly so Selenium
 * Manager never looks for (or downloads) anything. Each browser has its own throw-away profile. Screenshots go to
 * {@code target/screenshots/<test>/}.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;

    private Browser(ChromeDriver driver, Path profile, Path screenshots) {
        this.driver = driver;
        this.profile = profile;
        this.screenshots = screenshots;
    }

    /** True when Debian's chromium and chromedriver are installed (CI installs them; elsewhere the tests skip). */
    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** A new headless browser with a {@code width}×{@code height} window; screenshots under target/screenshots/{@code name}. */
    static Browser open(String name, int width, int height) {
        try {
            Path profile = Files.createTempDirectory("auto-m4b-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--lang=en-US");
            ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(width, height));
            Path screenshots = Files.createDirectories(Path.of("target", "screenshots", name));
            return new Browser(driver, profile, screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    void get(String url) {
        driver.get(url);
    }

    String currentUrl() {
        return driver.getCurrentUrl();
    }

    WebElement byTestId(String testId) {
        return driver.findElement(By.cssSelector("[data-testid='" + testId + "']"));
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits up to {@code limit} for {@code condition} (polling, no fixed sleeps); returns its value. */
    <T> T await(Duration limit, String what, ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, limit, Duration.ofMillis(200)).withMessage(what)
            .ignoring(StaleElementReferenceException.class) // a list redrawn between finding and reading
            .until(condition);
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Sets the window to {@code width}×{@code height} CSS pixels. */
    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /**
     * Shows the page as a phone of {@code width}×{@code height} CSS pixels shows it (Chromium's device emulation:
     * a mobile viewport that honours the page's viewport meta tag), until {@link #noPhone()}.
     */
    void phone(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
            Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
    }

    /** Back to the window's own size. */
    void noPhone() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** Saves a screenshot of the window as {@code <step>.png}. */
    Path screenshot(String step) {
        try {
            Path file = screenshots.resolve(step + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Saves a screenshot of the whole page (up to {@code maxHeight} pixels): the window is grown to the page's height
     * for the shot, then set back.
     */
    Path screenshotPage(String step, int maxHeight) {
        Dimension before = driver.manage().window().getSize();
        long height = ((Number) script("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight);"))
            .longValue();
        driver.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(maxHeight, height + 20)));
        try {
            return screenshot(step);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try {
                new SafeMover().deleteTree(profile);
            } catch (IOException e) {
                System.out.println("cannot delete the browser profile " + profile + ": " + e);
            }
        }
    }
}
