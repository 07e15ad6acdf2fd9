package org.jointchat.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** One person's headless Debian Chromium, driven through ChromeDriver; nothing is downloaded. */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /**
     * A mouse: headless Chromium has no pointing device, so pages match (hover: none) as on a touch screen and
     * hover-only styles never apply. These settings give it a fine pointer that hovers.
     */
    static final String MOUSE = "--blink-settings=primaryHoverType=2,availableHoverTypes=2,primaryPointerType=4,availablePointerTypes=4";

    ChromeDriver driver;
    WebDriverWait wait;
    private ChromeOptions options;
    private boolean visited;
    private final String name;
    private final Path profile;

    Browser(String name) throws IOException {
        this(name, 1280, 800);
    }

    /** A browser whose window is this size (a phone is 390 × 844). */
    Browser(String name, int width, int height) throws IOException {
        this(name, width, height, new String[0]);
    }

    /** With more Chromium arguments, e.g. {@link #MOUSE}. */
    Browser(String name, int width, int height, String... arguments) throws IOException {
        this.name = name;
        this.profile = Files.createTempDirectory("jointchat-chromium-");
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=" + width + "," + height, "--lang=en-US", "--user-data-dir=" + profile);
        options.addArguments(arguments);
        if (width < 500) {
            // A phone: Chromium's windows are at least 500 px wide, so the viewport, pixel ratio and touch are emulated.
            options.setExperimentalOption("mobileEmulation", java.util.Map.of("deviceMetrics",
                    java.util.Map.of("width", width, "height", height, "pixelRatio", 3.0, "touch", true),
                    "userAgent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36"));
        }
        // The console (CSP violations are reported there too), read by cspViolations().
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        this.options = options;
        start();
    }

    private void start() {
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        this.driver = new ChromeDriver(service, options);
        // Before any script of every page: a listener that keeps the page's Content-Security-Policy violations
        // (scripts added this way are not subject to the page's policy).
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", """
                window.__jcCspViolations = [];
                document.addEventListener('securitypolicyviolation', function (e) {
                  window.__jcCspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at '
                      + e.sourceFile + ':' + e.lineNumber + (e.sample ? ' (' + e.sample + ')' : ''));
                });"""));
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // a part re-rendered while looked at
    }

    /**
     * The first page of this browser. Chromium's renderer has (rarely, 1 in ~400 browsers on these 2 cores) died on its
     * very first navigation, before the application was asked anything ("Unable to receive message from renderer"):
     * then a new Chromium takes it, once. Anything after the first page fails the test as it is.
     */
    private void go(String url) {
        if (visited) {
            driver.get(url);
            return;
        }
        try {
            driver.get(url);
        } catch (org.openqa.selenium.NoSuchSessionException crashed) {
            System.err.println(name + ": Chromium died on its first page (" + crashed.getMessage().lines().findFirst().orElse("")
                    + "); starting a new one");
            try {
                driver.quit();
            } catch (RuntimeException gone) {
                // already gone
            }
            start();
            driver.get(url);
        }
        visited = true;
    }

    WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** The visible element's text, read again when the element was re-rendered between finding and reading. */
    String text(String css) {
        return wait.until(d -> {
            var found = d.findElement(By.cssSelector(css));
            return found.isDisplayed() ? found.getText() : null;
        });
    }

    /** Clicks the element; one re-rendered (an Ajax update) between finding and clicking is found again. */
    void click(String css) {
        click(By.cssSelector(css));
    }

    /** Clicks the element found by any locator (an XPath by its text, say), found again when re-rendered meanwhile. */
    void click(By locator) {
        wait.until(d -> {
            try {
                ExpectedConditions.elementToBeClickable(locator).apply(d).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException | NullPointerException notYet) {
                return false;
            }
        });
    }

    void type(String css, String text) {
        var field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /**
     * Registers on the register page (password TestData.PASSWORD), which signs in: waits until the chat is connected.
     * base: the application's root URL, ending in a slash.
     */
    void register(String base, String login, String displayName) {
        go(base + "register.xhtml");
        type("#register\\:login", login);
        type("#register\\:displayName", displayName);
        type("input#register\\:password", org.jointchat.support.TestData.PASSWORD);
        type("input#register\\:passwordRepeat", org.jointchat.support.TestData.PASSWORD);
        click("#register\\:submit");
        find("#composer-text");
        until(d -> d.findElement(By.id("banner")).getAttribute("hidden") != null);
    }

    /** Signs in on the login page as a user registered before (password TestData.PASSWORD); lands on the chat. */
    /** Opens the chat page in a room and waits until its name shows and the socket is connected. */
    void openRoom(String base, long room, String name) {
        go(base + "app/home.xhtml?room=" + room);
        waitForText("#room-name", name);
        until(d -> d.findElement(org.openqa.selenium.By.id("banner")).getAttribute("hidden") != null);
    }

    void signIn(String base, String login) {
        go(base + "login.xhtml");
        type("#login\\:username", login);
        type("input#login\\:password", org.jointchat.support.TestData.PASSWORD);
        click("#login\\:submit");
        find("#composer-text");
        until(d -> d.findElement(By.id("banner")).getAttribute("hidden") != null);
    }

    /** Runs a script in the page and returns its value (numbers come back as Long or Double). */
    Object js(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    /** The element's box relative to the viewport: [top, bottom, left, right], and the viewport's [height, width]. */
    double[] box(String css) {
        @SuppressWarnings("unchecked")
        var values = (java.util.List<Number>) js("var r = document.querySelector(arguments[0]).getBoundingClientRect();"
                + "return [r.top, r.bottom, r.left, r.right, innerHeight, innerWidth];", css);
        return values.stream().mapToDouble(Number::doubleValue).toArray();
    }

    /** Whether the element is wholly inside the viewport (and has a size): what the user can see without scrolling. */
    boolean inViewport(String css) {
        double[] b = box(css);
        return b[1] > b[0] && b[3] > b[2] && b[0] >= -0.5 && b[2] >= -0.5 && b[1] <= b[4] + 0.5 && b[3] <= b[5] + 0.5;
    }

    <T> T until(Function<WebDriver, T> condition) {
        return wait.until(condition);
    }

    /** Waits until some element matching css shows the text. */
    /** The chat page's socket drops and the page holds its reconnect until {@link #reconnect} (the hook in chat/main.js). */
    void dropSocketAndHoldReconnect() {
        js("window.jointChat.dropConnection(true);");
        until(d -> Boolean.TRUE.equals(js("return window.jointChat.reconnectHeld();")));
    }

    void reconnect() {
        js("window.jointChat.releaseReconnect();");
    }

    void waitForText(String css, String text) {
        wait.until(d -> {
            try {
                return d.findElements(By.cssSelector(css)).stream().anyMatch(e -> e.getText().contains(text));
            } catch (org.openqa.selenium.WebDriverException replaced) {
                // An Ajax update replaced the element while it was read; ChromeDriver does not always call that stale.
                if (String.valueOf(replaced.getMessage()).contains("does not belong to the document")) {
                    return false;
                }
                throw replaced;
            }
        });
    }

    void screenshot(String step) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        var png = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SCREENSHOTS.resolve(step + "-" + name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Violations seen so far and not yet forgotten, by any page this browser opened (console) or by this page (listener). */
    private final java.util.List<String> cspViolations = new java.util.ArrayList<>();

    /**
     * The Content-Security-Policy violations of this browser's pages so far: from the console (every page since the
     * last call) and from the open page's own listener. A page that works under its policy has none.
     */
    java.util.List<String> cspViolations() {
        for (var entry : driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)) {
            String message = entry.getMessage();
            if (message.contains("Content Security Policy") || message.contains("Content-Security-Policy")) {
                cspViolations.add("console: " + message);
            }
        }
        try {
            Object seen = js("var v = window.__jcCspViolations || []; window.__jcCspViolations = []; return v;");
            if (seen instanceof java.util.List<?> list) {
                list.forEach(v -> cspViolations.add("page: " + v));
            }
        } catch (org.openqa.selenium.WebDriverException noPage) {
            // the browser is between pages or closing: the console has them anyway
        }
        return java.util.List.copyOf(cspViolations);
    }

    /** Forgets the violations seen so far (after provoking one on purpose). */
    void forgetCspViolations() {
        cspViolations();
        cspViolations.clear();
    }

    /** The CSS selector of the message with this seq in the open room's message list. */
    static String message(long seq) {
        return "#message-list li[data-seq='" + seq + "']";
    }

    /** Whether the message is drawn (not hidden) wholly inside the visible part of the message list, and the list inside the window. */
    boolean messageShown(long seq) {
        return (Boolean) js("""
                var m = document.querySelector('#message-list li[data-seq="' + arguments[0] + '"]');
                if (!m || m.hidden) { return false; }
                var r = m.getBoundingClientRect(), p = document.getElementById('messages').getBoundingClientRect();
                return r.height > 0 && r.top >= p.top - 0.5 && r.bottom <= p.bottom + 0.5 && p.bottom <= innerHeight + 0.5;""", seq);
    }

    /** Opens a message's ⋯ menu: with a mouse by pointing at the message first; on a touch screen by tapping its button. */
    void openMessageMenu(long seq) {
        if (!(Boolean) js("return matchMedia('(hover: none)').matches;")) {
            new Actions(driver).moveToElement(find(message(seq))).perform();
        }
        click(message(seq) + " .jc-menu-button");
        find("#message-menu button[role=menuitem]");
    }

    /** Closes each browser that was opened (null: never was), in this order, as {@link #close} does. */
    static void closeAll(Browser... browsers) {
        for (Browser browser : browsers) {
            if (browser != null) {
                browser.close();
            }
        }
    }

    /** Closes the browser, failing when any of its pages broke the Content-Security-Policy (pages must work under it). */
    @Override
    public void close() {
        java.util.List<String> violations;
        try {
            violations = cspViolations();
        } catch (RuntimeException cannotAsk) {
            violations = java.util.List.of();
        }
        quit();
        if (!violations.isEmpty()) {
            throw new AssertionError(name + "'s pages broke the Content-Security-Policy: " + violations);
        }
    }

    private void quit() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
