package dev.gradserve.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The playground at / in a real headless Chromium: the worked example's numbers as soon as it loads, the
 * tutorial's new w5 after one step, and XOR trained below a loss of 0.05. Screenshots go to target/playground/.
 * Needs Debian's chromium and chromium-driver (.ci/run installs them); skipped where they are missing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlaygroundBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "playground");
    private static final String SKIPPED = "PlaygroundBrowserTest skipped: it needs /usr/bin/chromium and "
            + "/usr/bin/chromedriver (apt-get install chromium chromium-driver, as .ci/run does)";

    @LocalServerPort
    int port;

    private Path profile;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            System.out.println(SKIPPED);
        }
        assumeTrue(installed, SKIPPED);
        profile = Files.createTempDirectory("playground-chromium");
        // The driver's path is given, so Selenium Manager never looks for (or downloads) a browser or driver.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1440,1100");
        browser = new ChromeDriver(service, options);
        System.out.println("PlaygroundBrowserTest runs in headless Chromium " + browser.getCapabilities().getBrowserVersion());
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void workedExampleShowsTheTutorialsNumbersAndOneStepGivesItsNewW5() throws IOException {
        open();
        waitForText("lossValue", "0.298371109");
        assertThat(text("chain-result")).isEqualTo("0.082167041");
        assertThat(text("chain")).contains("∂Etotal/∂w5 = 0.74136507 · 0.186815602 · 0.593269992");
        assertThat(text("label-w5")).isEqualTo("w5 = 0.4");
        screenshot("playground-worked-example.png");

        browser.findElement(By.id("step")).click();
        waitForText("label-w5", "w5 = 0.35891648");
        assertThat(text("stepCount")).isEqualTo("1");
        assertThat(text("chain-updated")).isEqualTo("w5+ = w5 − η · ∂E/∂w5 = 0.4 − 0.5 · 0.082167041 = 0.35891648");
        assertThat(text("label-w1")).isEqualTo("w1 = 0.149780716");

        browser.findElement(By.id("label-w1")).click();
        waitForText("chain-result", "0.000438568");
        assertThat(text("chain")).contains("∂Etotal/∂w1 = 0.036350306 · 0.241300709 · 0.05");
    }

    @Test
    void xorTrainsUntilTheLossIsBelow005() throws IOException {
        open();
        waitForText("lossValue", "0.298371109");
        new Select(browser.findElement(By.id("preset"))).selectByValue("xor");
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-preset", "xor"));
        long start = System.nanoTime();

        browser.findElement(By.id("train")).click();
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(page -> loss() < 0.05);
        browser.findElement(By.id("train")).click();
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-state", "ready"));

        System.out.printf("PlaygroundBrowserTest trained XOR to loss %s in %s steps, %d ms%n", text("lossValue"),
                text("stepCount"), (System.nanoTime() - start) / 1_000_000);
        assertThat(loss()).isLessThan(0.05);
        assertThat(Integer.parseInt(text("stepCount"))).isPositive();
        assertThat(browser.findElement(By.id("boundary")).isDisplayed()).isTrue();
        screenshot("playground-xor.png");
    }

    private void open() {
        browser.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-state", "ready"));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private double loss() {
        return Double.parseDouble(text("lossValue"));
    }

    private void waitForText(String id, String expected) {
        wait.until(ExpectedConditions.textToBe(By.id(id), expected));
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name);
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        System.out.println("PlaygroundBrowserTest saved " + file.toAbsolutePath());
    }
}
