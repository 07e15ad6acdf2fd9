package org.jointchat.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code ./jointchat bench page}: the chat page (/app/home.xhtml) as a person opens it, signed in, with a cold
 * browser cache, in Debian's headless Chromium at 1280×800 and at 390×844 (phone emulation: pixel ratio 3, touch).
 * Each run clears the HTTP cache (CDP {@code Network.clearBrowserCache}), opens the page and reads the browser's
 * own figures (Navigation and Resource Timing, Paint Timing):
 * <ul>
 * <li>{@code transfer_kb}: bytes over the wire (headers and bodies as sent, compressed or not) of the page and every
 * resource and API call it made up to chat ready + 1 s; {@code body_kb}: the same bodies decoded;</li>
 * <li>{@code requests}: the page and those resources (the WebSocket is not one of them);</li>
 * <li>{@code fcp_ms}: first contentful paint, from navigation start;</li>
 * <li>{@code ready_ms}: <b>chat ready</b>, from navigation start: the first animation frame in which the room list
 * shows a room (it arrives in the socket's {@code hello}, so the socket is open and signed in), the current room
 * shows its messages (or its empty state) and the connecting banner is hidden.</li>
 * </ul>
 * {@code --network 4g} emulates a phone network in Chromium (40 ms round trip, 10 Mbit/s down, 5 Mbit/s up), where
 * bytes and round trips cost what they cost people; the default is loopback as it is.
 * General (the room the page opens) is seeded with 50 messages first, when it has fewer.
 * One cold run per size warms the server up and is not counted; the medians of {@code --runs} (5) are reported.
 * The last run's resources, heaviest first, go to target/bench/page-resources-SIZE-NETWORK.txt, its screenshot to
 * page-SIZE-NETWORK.png.
 */
final class PageBench {

    /** Installed before any script of the page: watches for chat ready from the first frame on. */
    private static final String READY_WATCH = """
            (function () {
              function check() {
                var rooms = document.querySelector('#room-list li');
                var message = document.querySelector('#message-list li');
                var empty = document.getElementById('empty');
                var banner = document.getElementById('banner');
                if (rooms && (message || (empty && !empty.hidden)) && banner && banner.hidden) {
                  window.__benchChatReady = performance.now();
                  return;
                }
                requestAnimationFrame(check);
              }
              requestAnimationFrame(check);
            })();""";

    private static final String FIGURES = """
            var nav = performance.getEntriesByType('navigation')[0];
            var all = [nav].concat(performance.getEntriesByType('resource'));
            var fcp = performance.getEntriesByName('first-contentful-paint')[0];
            var transfer = 0, body = 0, list = [];
            all.forEach(function (e) {
              transfer += e.transferSize; body += e.decodedBodySize;
              list.push([e.name, e.transferSize, e.encodedBodySize, e.decodedBodySize]);
            });
            return {transfer: transfer, body: body, requests: all.length, fcp: fcp ? fcp.startTime : -1,
                    ready: window.__benchChatReady || -1, list: list};""";

    private final Bench bench;

    PageBench(Bench bench) {
        this.bench = bench;
    }

    /** {@code --network 4g}: Chromium's network emulation, 40 ms round trip, 10 Mbit/s down, 5 Mbit/s up; else loopback as is. */
    private String network = "loopback";

    List<Bench.Result> run(int runs, String sizes, String network) throws Exception {
        this.network = network;
        var users = bench.users("page", 5);
        seed(users);
        var user = users.get(0);
        var results = new ArrayList<Bench.Result>();
        for (var size : sizes.split(",")) {
            boolean phone = size.strip().equals("phone");
            results.add(measure(user, phone ? "phone" : "desktop", phone ? 390 : 1280, phone ? 844 : 800, runs));
        }
        return results;
    }

    /**
     * The room the page opens (general, the first of {@code GET /rooms}) holds at least 50 messages, from five people,
     * so that chat ready includes drawing a screenful of them (ten each: the send rate allows 20 per 10 s).
     */
    private void seed(List<Bench.User> users) {
        var rooms = bench.get("api/v1/rooms", users.get(0).token());
        long general = Bench.JSON.createReader(new java.io.StringReader(rooms.body())).readArray().getJsonObject(0)
                .getJsonNumber("id").longValue();
        var messages = bench.get("api/v1/rooms/" + general + "/messages?limit=50", users.get(0).token());
        int have = Bench.JSON.createReader(new java.io.StringReader(messages.body())).readArray().size();
        for (int i = have; i < 50; i++) {
            var author = users.get(i % users.size());
            String text = switch (i % 4) {
                case 0 -> "Good morning, everyone! The build from last night is green; I'll deploy it after lunch.";
                case 1 -> "Has anyone looked at **issue 21** yet? The page weight part is interesting.";
                case 2 -> "Short one.";
                default -> "Here are the notes from the meeting: https://example.org/notes/" + i + " — see `section 2` for the numbers.";
            };
            var sent = bench.post("api/v1/rooms/" + general + "/messages", Bench.JSON.createObjectBuilder().add("text", text)
                    .add("clientId", "page-seed-" + System.nanoTime()).build().toString(), author.token());
            if (sent.statusCode() != 201 && sent.statusCode() != 200) {
                throw new IllegalStateException("seeding general failed: " + sent.statusCode() + " " + sent.body());
            }
        }
    }

    private Bench.Result measure(Bench.User user, String size, int width, int height, int runs) throws Exception {
        Path profile = Files.createTempDirectory("jointchat-bench-chromium-");
        var driver = browser(profile, width, height);
        try {
            var wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            String base = bench.base().toString();
            driver.get(base + "login.xhtml");
            driver.findElement(By.id("login:username")).sendKeys(user.login());
            driver.findElement(By.id("login:password")).sendKeys(Bench.PASSWORD);
            driver.findElement(By.id("login:submit")).click();
            wait.until(d -> d.getCurrentUrl().contains("/app/"));
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", READY_WATCH));
            if (network.equals("4g")) {
                driver.executeCdpCommand("Network.enable", Map.of());
                driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 40,
                        "downloadThroughput", 10_000_000 / 8, "uploadThroughput", 5_000_000 / 8));
            } else if (!network.equals("loopback")) {
                throw new IllegalArgumentException("--network is loopback or 4g, not " + network);
            }
            var transfer = new double[runs];
            var body = new double[runs];
            var requests = new double[runs];
            var fcp = new double[runs];
            var ready = new double[runs];
            List<?> last = List.of();
            for (int i = -1; i < runs; i++) {
                driver.get("about:blank");
                driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
                driver.get(base + "app/home.xhtml");
                wait.until(d -> ((Number) driver.executeScript("return window.__benchChatReady || 0")).doubleValue() > 0);
                Thread.sleep(1000); // what the page still fetches right after chat ready counts too
                @SuppressWarnings("unchecked")
                var figures = (Map<String, Object>) driver.executeScript(FIGURES);
                if (i < 0) {
                    continue; // the warm-up run
                }
                transfer[i] = ((Number) figures.get("transfer")).doubleValue() / 1024;
                body[i] = ((Number) figures.get("body")).doubleValue() / 1024;
                requests[i] = ((Number) figures.get("requests")).doubleValue();
                fcp[i] = ((Number) figures.get("fcp")).doubleValue();
                ready[i] = ((Number) figures.get("ready")).doubleValue();
                last = (List<?>) figures.get("list");
            }
            writeResources(size, last);
            Path dir = Path.of(bench.option("out", "target/bench"));
            Files.write(dir.resolve("page-" + size + "-" + network + ".png"), driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            return bench.record(new Bench.Result("page", Bench.metrics("size", size + "-" + width + "x" + height, "network", network, "runs", runs),
                    Bench.metrics("transfer_kb", Math.round(median(transfer)), "body_kb", Math.round(median(body)),
                            "requests", Math.round(median(requests)), "fcp_ms", Math.round(median(fcp)),
                            "ready_ms", Math.round(median(ready)), "ready_max_ms", Math.round(max(ready)))));
        } finally {
            driver.quit();
            deleteQuietly(profile);
        }
    }

    private static ChromeDriver browser(Path profile, int width, int height) {
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=" + width + "," + height, "--lang=en-US", "--user-data-dir=" + profile);
        if (width < 500) {
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                    Map.of("width", width, "height", height, "pixelRatio", 3.0, "touch", true),
                    "userAgent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36"));
        }
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        return new ChromeDriver(service, options);
    }

    private void writeResources(String size, List<?> list) throws IOException {
        var rows = new ArrayList<List<?>>();
        list.forEach(row -> rows.add((List<?>) row));
        rows.sort(Comparator.comparingDouble((List<?> r) -> ((Number) r.get(1)).doubleValue()).reversed());
        var text = new StringBuilder("transfer_bytes encoded_body decoded_body url\n");
        for (var r : rows) {
            text.append(r.get(1)).append(' ').append(r.get(2)).append(' ').append(r.get(3)).append(' ').append(r.get(0)).append('\n');
        }
        Path dir = Path.of(bench.option("out", "target/bench"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("page-resources-" + size + "-" + network + ".txt"), text);
    }

    private static double median(double[] values) {
        var sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double max(double[] values) {
        return java.util.Arrays.stream(values).max().orElse(0);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind
        }
    }
}
