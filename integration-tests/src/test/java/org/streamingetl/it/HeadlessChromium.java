package org.streamingetl.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver (both from {@code platform/install.sh browser}).
 * Selenium is given both paths, so it never looks for or downloads a browser or driver of its own. The flags keep
 * the browser from calling out to the (closed) network.
 */
final class HeadlessChromium implements AutoCloseable {

    private final ChromeDriver driver;
    private final Path profile;

    HeadlessChromium(int width, int height) throws Exception {
        String chromium = onPath("chromium");
        String chromedriver = onPath("chromedriver");
        profile = Files.createTempDirectory("status-page-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    void open(String url) {
        driver.get(url);
    }

    /**
     * The text of the first element {@code css} selects, or null when there is none; read in one script call, as the
     * page replaces its elements at every reload of its data.
     */
    String text(String css) {
        return (String) driver.executeScript(
                "const e = document.querySelector(arguments[0]); return e === null ? null : e.textContent;", css);
    }

    long count(String css) {
        return (Long) driver.executeScript("return document.querySelectorAll(arguments[0]).length;", css);
    }

    /** Waits (polling, the page keeps reloading its data) until {@code condition} holds; fails saying {@code what}. */
    void await(String what, Duration timeout, Function<HeadlessChromium, Boolean> condition) {
        new WebDriverWait(driver, timeout, Duration.ofMillis(300)).withMessage(what)
                .until((Function<WebDriver, Boolean>) d -> condition.apply(this));
    }

    void screenshot(Path file) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    private static String onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File file = new File(dir, program);
            if (file.canExecute()) {
                return file.getAbsolutePath();
            }
        }
        throw new IllegalStateException(program + " is not on PATH: install Debian's chromium and chromium-driver "
                + "with platform/install.sh browser (as root; the integration-test build runs it)");
    }

    @Override
    public void close() throws Exception {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
