package org.jointchat.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jointchat.bench.DbPassword;
import org.jointchat.support.Await;
import org.jointchat.support.Accounts;
import org.jointchat.support.AgainstTheServer;
import org.junit.jupiter.api.Test;

/**
 * A limit lifted once does not stay lifted: a setting given to one run (as the benchmark lifts a limit) and not to
 * the next goes back to its default, even when the domain was still running with it in its environment; and
 * {@code settings} says, for each setting, the value the server uses and where it comes from (the running server's
 * environment, stored in the domain, or the default), with the secrets masked. Run through scripts/test-server.sh,
 * which applies settings to the test domain as {@code ./jointchat run} does and prints them as
 * {@code ./jointchat settings} does.
 */
class SettingsIT extends AgainstTheServer {

    static final String LIFTED = "JOINTCHAT_SEARCH_RATE_QUERIES";
    static final String PROPERTY = "jointchat.search.rate.queries";
    /** The code's default (MessageSearch): searches per user within jointchat.search.rate.window (PT10S). */
    static final int DEFAULT_SEARCHES = 20;

    @Test
    void aSettingGivenToOneRunGoesBackToItsDefaultWithTheNextAndSettingsShowsValueAndOrigin() throws Exception {
        String token = Accounts.token(api, Accounts.register(api, "settings", "Settings Checker"));
        boolean lifted = false;
        try {
            // A run that lifts the limit: stored in the domain, and in the environment of the server it (re)starts.
            apply("store-settings", Map.of(LIFTED, "1000000"));
            apply("restart", Map.of(LIFTED, "1000000"));
            lifted = true;
            var listed = settings(Map.of());
            assertSetting(listed, PROPERTY, "1000000", "environment (" + LIFTED + " of the running server)");
            // The scripts start the server without the secrets in its environment: it reads the password aliases.
            assertSetting(listed, "jointchat.db.password", "********", "password alias in domain jointchat-test");
            assertEquals(List.of(), statuses(token, DEFAULT_SEARCHES + 5).stream().filter(s -> s != 200).toList(),
                    "the lifted limit holds: every search answered");

            // A run without it, while that server still runs: it is restarted without it and the stored value is deleted.
            apply("store-settings", Map.of());
            lifted = false;
            listed = settings(Map.of());
            assertSetting(listed, PROPERTY, Integer.toString(DEFAULT_SEARCHES), "default");
            var statuses = statuses(token, DEFAULT_SEARCHES + 1);
            assertEquals(200, statuses.get(DEFAULT_SEARCHES - 1), "search " + DEFAULT_SEARCHES + " answered: " + statuses);
            assertEquals(429, statuses.get(DEFAULT_SEARCHES), "search " + (DEFAULT_SEARCHES + 1) + " limited again: " + statuses);
            String rate = System.getenv("JOINTCHAT_CHAT_RATE_MESSAGES");
            assertSetting(listed, "jointchat.chat.rate.messages", rate, "environment (JOINTCHAT_CHAT_RATE_MESSAGES of the running server)");
            // What this shell would give the next run is shown beside the value the server uses.
            assertTrue(line(settings(Map.of(LIFTED, "77")), PROPERTY).contains("this shell has " + LIFTED + "=77"),
                    "the shell's value is told apart");

            // Started by asadmin alone (an operator, a supervisor, a reboot): the stored settings, nothing lifted.
            apply("restart-plain", Map.of());
            listed = settings(Map.of());
            assertSetting(listed, "jointchat.chat.rate.messages", rate, "stored in domain jointchat-test");
            assertSetting(listed, PROPERTY, Integer.toString(DEFAULT_SEARCHES), "default");
            assertSetting(listed, "jointchat.search.rate.window", "PT10S", "default");

            // Secrets: masked, and their values nowhere in the listing; other settings named "password..." are not secrets.
            assertSetting(listed, "jointchat.db.password", "********", "password alias in domain jointchat-test");
            assertSetting(listed, "jointchat.cluster.secret", "********", "password alias in domain jointchat-test");
            assertSetting(listed, "jointchat.password.iterations", "210000", "default");
            for (var secret : List.of(DbPassword.read(), configValue("grid.env", "JOINTCHAT_CLUSTER_SECRET"),
                    configValue("admin.env", "AS_ADMIN_PASSWORD"))) {
                assertTrue(secret.length() >= 16, "the secret was read");
                assertFalse(listed.contains(secret), "a secret's value is never printed");
            }
        } finally {
            if (lifted) {
                apply("store-settings", Map.of()); // never leave the limit lifted for the tests that follow
            }
        }
    }

    /** Runs scripts/test-server.sh with the tests' environment (the test domain's settings) plus {@code more}. */
    static String script(String command, Map<String, String> more) throws Exception {
        var process = new ProcessBuilder("bash", "scripts/test-server.sh", command).redirectErrorStream(true);
        process.environment().remove(LIFTED);
        process.environment().putAll(more);
        var started = process.start();
        var output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(started.waitFor(300, TimeUnit.SECONDS), command + " within 5 minutes");
        assertEquals(0, started.exitValue(), command + " succeeded: " + output);
        System.out.println("SettingsIT: test-server.sh " + command + " " + more.keySet() + "\n" + output);
        return output;
    }

    /** Runs a command that may restart the server, and waits until the application is ready again. */
    void apply(String command, Map<String, String> more) throws Exception {
        script(command, more);
        Await.until(Duration.ofMinutes(3), Duration.ofMillis(250), "ready again after " + command, () -> readiness() == 200);
    }

    static String settings(Map<String, String> more) throws Exception {
        return script("settings", new HashMap<>(more));
    }

    static String line(String listing, String property) {
        return listing.lines().filter(l -> l.startsWith(property + " ")).findFirst()
                .orElseThrow(() -> new AssertionError(property + " is listed:\n" + listing));
    }

    /** The line of the property says the value, then the origin (columns: printf '%-40s %-44s %s'). */
    static void assertSetting(String listing, String property, String value, String origin) {
        String line = line(listing, property);
        assertTrue(Pattern.compile("^" + Pattern.quote(property) + " +" + Pattern.quote(value) + " +" + Pattern.quote(origin))
                .matcher(line).find(), "expected " + value + ", " + origin + ": " + line);
    }

    /** The statuses of {@code n} searches made at once by one user. */
    List<Integer> statuses(String token, int n) {
        var statuses = new ArrayList<Integer>();
        for (int i = 0; i < n; i++) {
            statuses.add(api.get("api/v1/search/messages?q=settings", "Authorization", "Bearer " + token).statusCode());
        }
        return statuses;
    }

    /** A value the scripts keep in ~/.config/jointchat (scripts/common.sh). */
    static String configValue(String file, String name) throws IOException {
        String dir = System.getenv("JOINTCHAT_CONFIG_DIR");
        if (dir == null) {
            String xdg = System.getenv("XDG_CONFIG_HOME");
            dir = (xdg != null ? xdg : System.getProperty("user.home") + "/.config") + "/jointchat";
        }
        try (var lines = Files.lines(Path.of(dir, file))) {
            return lines.filter(l -> l.startsWith(name + "=")).findFirst().map(l -> l.substring(name.length() + 1)).orElse("");
        }
    }
}
