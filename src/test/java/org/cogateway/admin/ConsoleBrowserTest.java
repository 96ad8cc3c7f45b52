package org.cogateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.testing.AdminHttp;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.Requests;
import org.cogateway.testing.TestClock;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The real console in headless Chromium (Debian's chromium and chromium-driver, which .ci/run
 * installs) against a JP gateway delivering to a real ID gateway: log in, dashboard, filter the log,
 * a certificate's timeline, resend a FAILED message and see its new attempt, the audit entry, a
 * viewer refused the resend, log out. Screenshots of the dashboard and the timeline go to target/.
 */
class ConsoleBrowserTest {
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private TestGateways.Pair pair;
    private WebDriver browser;
    private WebDriverWait wait;
    private String base;
    @TempDir
    Path browserDir;

    @BeforeEach
    void start() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver; .ci/run does)");
        pair = TestGateways.pair(false, Map.of("partner.ID.retry.maxAttempts", "1", "partner.ID.connectTimeout", "1s"),
                Map.of(), TestClock.runningFrom(Instant.now())).startJp();
        base = pair.jp().adminUrl();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,900",
                "--lang=en", "--user-data-dir=" + browserDir.resolve("profile"));
        // Chromium puts its singleton socket folder in TMPDIR: this test's own folder, removed after it
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withEnvironment(Map.of("TMPDIR", browserDir.toString())).build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (pair != null) {
            pair.close();
        }
    }

    private void logIn(String user, String password) {
        browser.get(base + "/console");
        wait.until(ExpectedConditions.urlContains("/console/login"));
        browser.findElement(By.id("user")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("#login-form button")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Dashboard"));
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(Path.of("target"));
        Files.copy(shot.toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void anOperatorFollowsAFailedCertificateResendsItAndAViewerCannot() throws Exception {
        AdminUsers users = new AdminUsers(pair.jp().database().dataSource(), Clock.systemUTC());
        users.add("ops-admin", AdminRole.ADMIN, "admin-password-1".toCharArray());
        users.add("ops-viewer", AdminRole.VIEWER, "viewer-password-1".toCharArray());
        CertificateOfOriginPortType chamber = BackOfficeClient.as(pair.jp(), TestGateways.CHAMBER,
                TestGateways.CHAMBER_PASSWORD);
        AdminHttp api = AdminHttp.loggedIn(pair.jp(), "ops-admin", "admin-password-1");
        String failed = chamber.submitCertificate(Requests.submit(Certificates.outbound("WEB-FAIL-1")))
                .getReceipt().getTrackingId();
        AdminApiTest.awaitState(api, failed, "FAILED");
        pair.startId();
        String delivered = chamber.submitCertificate(Requests.submit(Certificates.outbound("WEB-OK-1")))
                .getReceipt().getTrackingId();
        AdminApiTest.awaitState(api, delivered, "DELIVERED");

        logIn("ops-admin", "admin-password-1");
        WebElement partnerRow = browser.findElement(By.xpath("//section[@aria-labelledby='h-partners']//tbody/tr"));
        assertThat(partnerRow.getText()).contains("ID");
        assertThat(partnerRow.getDomAttribute("class")).contains("bad");
        assertThat(browser.findElement(By.xpath("//section[@aria-labelledby='h-failures']")).getText())
                .contains("cannot connect");
        assertThat(browser.findElement(By.tagName("time")).getText()).contains("UTC");
        screenshot("console-dashboard.png");

        browser.findElement(By.linkText("Message log")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Outbound transmissions"));
        assertThat(browser.findElements(By.cssSelector("#log tbody tr"))).hasSize(2);
        browser.findElement(By.name("state")).sendKeys("FAILED");
        browser.findElement(By.cssSelector(".filters button")).click();
        wait.until(ExpectedConditions.urlContains("state=FAILED"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#log tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains("WEB-FAIL-1 v1").contains("FAILED");

        rows.get(0).findElement(By.partialLinkText("WEB-FAIL-1")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Certificate WEB-FAIL-1: timeline"));
        String timeline = browser.findElement(By.id("timeline")).getText();
        assertThat(timeline).contains("submitted").contains("QUEUED (to ID)").contains("attempt 1: RETRYABLE")
                .contains("FAILED (to ID)");
        screenshot("console-timeline.png");

        browser.findElement(By.partialLinkText("FAILED (to ID)")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), failed));
        assertThat(browser.findElements(By.cssSelector("#attempts tbody tr"))).hasSize(1);
        browser.findElement(By.id("resend")).click();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            browser.navigate().refresh();
            return browser.findElements(By.cssSelector("#attempts tbody tr")).size() == 2
                    && browser.findElement(By.id("state")).getText().equals("DELIVERED");
        });
        assertThat(browser.findElements(By.cssSelector("#attempts tbody tr")).get(1).getText()).contains("DELIVERED");

        browser.findElement(By.linkText("Audit log")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Audit log"));
        assertThat(browser.findElement(By.id("audit")).getText()).contains("ops-admin 127.0.0.1 resend " + failed + " ok");

        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.urlContains("/console/login"));
        browser.get(base + "/console/audit");
        wait.until(ExpectedConditions.urlContains("/console/login"));

        logIn("ops-viewer", "viewer-password-1");
        assertThat(browser.findElements(By.linkText("Users"))).isEmpty();
        browser.get(base + "/console/transmissions/" + delivered);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), delivered));
        // no resend button for a viewer; the request the button would send is refused
        assertThat(browser.findElements(By.id("resend"))).isEmpty();
        Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/v1/transmissions/" + failed + "/resend', {method: 'POST', headers: {"
                        + "'X-CSRF-Token': document.querySelector('meta[name=csrf]').content,"
                        + "'Content-Type': 'application/json'}, body: '{}'}).then(r => done(r.status));");
        assertThat(((Number) status).intValue()).isEqualTo(403);
        browser.get(base + "/console/users");
        assertThat(browser.getPageSource()).contains("this needs the admin role");
    }
}
