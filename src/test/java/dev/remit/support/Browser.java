package dev.remit.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its chromedriver (no browser download, no network).
 * In CI (CI=true) a missing Chromium fails the test; elsewhere the test is skipped with a hint.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;
    private final int width;

    private Browser(int width, int height) {
        try {
            profile = Files.createTempDirectory("remit-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        this.width = width;
        // Headless Chromium keeps its window at least 500 px wide: a phone's width is emulated instead.
        viewport(height);
    }

    private void viewport(int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < 600));
    }

    /** A browser window of the given size (390 x 844 is a phone, 1280 x 900 a desktop). */
    public static Browser open(int width, int height) {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && !"true".equals(System.getenv("CI"))) {
            Assumptions.abort("Chromium is not installed: apt-get install chromium chromium-driver");
        }
        return new Browser(width, height);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Saves what the window shows, for a person to look at, under target/screenshots. */
    public Path screenshot(String name) {
        try {
            Path file = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(file.getParent());
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole page: the window grows to the document's height first. */
    public Path fullPageScreenshot(String name) {
        Object height = driver.executeScript("return document.documentElement.scrollHeight");
        org.openqa.selenium.Dimension size = driver.manage().window().getSize();
        int pageHeight = Math.min(4000, ((Number) height).intValue() + 140);
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(size.getWidth(), pageHeight));
        viewport(pageHeight);
        return screenshot(name);
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
