package fi.mentoringledger.query.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import fi.mentoringledger.security.TestUsers;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver. Both paths are given, so
 * Selenium Manager never runs and nothing downloads a browser; when either is missing the test
 * fails (it does not skip): {@code .ci/run} installs them.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");
    /** An upper bound for a page to render, not a pause: every wait ends as soon as its condition holds. */
    private static final Duration BOUND = Duration.ofSeconds(60);

    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;
    private final String base;

    private Browser(ChromeDriver driver, ChromeDriverService service, Path profile, String base) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
        this.base = base;
    }

    /**
     * A fresh browser profile whose Accept-Language lists {@code languages} ("sv-FI,sv,en"; Chromium
     * adds the weights), signed in to the dashboard as the tests' admin.
     */
    public static Browser start(String base, String languages) {
        Browser browser = startSignedOut(base, languages);
        browser.signIn(TestUsers.ADMIN);
        return browser;
    }

    /** A fresh browser profile, not signed in. */
    public static Browser startSignedOut(String base, String languages) {
        requireInstalled();
        try {
            Path profile = Files.createTempDirectory("dashboard-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-extensions",
                    "--disable-features=Translate,OptimizationHints,MediaRouter", "--window-size=1280,1000",
                    "--user-data-dir=" + profile, "--lang=" + languages.split(",")[0],
                    "--accept-lang=" + languages);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", languages,
                    "download.prompt_for_download", false));
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort()
                    .withLogFile(Files.createDirectories(Path.of("target")).resolve("chromedriver.log").toFile())
                    .build();
            return new Browser(new ChromeDriver(service, options), service, profile, base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails (never skips) when Debian's chromium or chromedriver is missing. */
    public static void requireInstalled() {
        for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!new File(binary).canExecute()) {
                fail("The browser tests need Debian's chromium and chromium-driver (" + binary + " is missing): "
                        + "apt-get install -y chromium chromium-driver, as bin/test does.");
            }
        }
    }

    /** Signs in with the dashboard's sign-in form, and waits until the service has let the browser in. */
    public void signIn(TestUsers.User user) {
        driver.get(base + "/login");
        waitFor(d -> !d.findElements(By.id("username")).isEmpty());
        find(By.id("username")).sendKeys(user.username());
        find(By.id("password")).sendKeys(user.password());
        find(By.cssSelector("button[type=submit]")).click();
        waitFor(d -> !d.getCurrentUrl().contains("/login"));
    }

    public ChromeDriver driver() {
        return driver;
    }

    public String base() {
        return base;
    }

    /** Opens a view of the dashboard ({@code #/overview?...}) and waits until it has rendered. */
    public void open(String fragment) {
        driver.get("about:blank"); // a fresh document, also when only the fragment differs
        driver.get(base + "/" + fragment);
        waitFor(d -> "false".equals(attribute(By.id("main"), "aria-busy")) && renders() > 0);
    }

    /** Number of views the page has rendered so far (the page counts them). */
    public int renders() {
        Object renders = script("return document.body.dataset.renders || '0';");
        return Integer.parseInt(String.valueOf(renders));
    }

    /** Waits until the page has rendered a view after the {@code before}-th one. */
    public void awaitRenderAfter(int before) {
        waitFor(d -> renders() > before && "false".equals(attribute(By.id("main"), "aria-busy")));
    }

    public <T> T waitFor(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, BOUND, Duration.ofMillis(100)).until(condition);
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    public String text(By by) {
        return driver.findElement(by).getText();
    }

    private String attribute(By by, String name) {
        List<WebElement> found = driver.findElements(by);
        return found.isEmpty() ? null : found.get(0).getDomAttribute(name);
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public Object asyncScript(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** Chooses a language in the page's own switch and waits for the page to render in it. */
    public void chooseLanguage(String code) {
        int before = renders();
        new org.openqa.selenium.support.ui.Select(find(By.id("language"))).selectByValue(code);
        awaitRenderAfter(before);
    }

    /** Presses a key wherever the focus is, as a keyboard would. */
    public void press(CharSequence key) {
        new Actions(driver).sendKeys(key).perform();
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves what the page shows, whole length, as {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Number height = (Number) script("return Math.ceil(document.documentElement.scrollHeight);");
            Dimension size = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(size.getWidth(), Math.max(size.getHeight(),
                    Math.min(8000, height.intValue() + 150))));
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            driver.manage().window().setSize(size);
            Path target = Files.createDirectories(Path.of("target", "screenshots")).resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The console's warnings and errors since the last call (CSP violations, failed loads, script errors). */
    public List<String> consoleProblems() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::toString)
                .toList();
    }

    /** Every URL the page has loaded resources from, as the browser recorded them. */
    @SuppressWarnings("unchecked")
    public List<String> resourcesLoaded() {
        return (List<String>) script("return [location.href, ...performance.getEntriesByType('resource').map(e => e.name)];");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }
}
