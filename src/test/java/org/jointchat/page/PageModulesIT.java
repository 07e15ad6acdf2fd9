package org.jointchat.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chat page's logic without a browser: runs Node's test runner over src/test/js (the store, outbox, receive,
 * presence and texts modules of src/main/webapp/resources/js/chat), so that {@code ./mvnw verify} runs them.
 * Node comes with the test setup (scripts/test-server.sh installs Debian's nodejs next to Chromium when it is
 * missing), which runs before the integration tests: hence an IT, though it needs no server.
 * By hand: {@code node --test src/test/js/*.test.js}.
 */
class PageModulesIT {

    private static final Path TESTS = Path.of("src", "test", "js");

    @Test
    void pageModulesPassTheirUnitTests() throws IOException, InterruptedException {
        List<String> files;
        try (Stream<Path> found = Files.list(TESTS)) {
            files = found.map(Path::toString).filter(name -> name.endsWith(".test.js")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no *.test.js under " + TESTS.toAbsolutePath());
        var command = new ArrayList<>(List.of(node(), "--test"));
        command.addAll(files);
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new StringBuilder();
        var reader = new Thread(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.append("(output not read: ").append(e).append(')');
            }
        });
        reader.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("node --test did not finish within 3 minutes");
        }
        reader.join();
        // The summary always; every test's result when something failed.
        String summary = output.toString().lines().filter(line -> line.matches("# (tests|pass|fail|cancelled|skipped|todo|duration_ms) .*")).reduce("", (a, b) -> a + b + "\n");
        System.out.println("node --test src/test/js:\n" + summary);
        assertEquals(0, process.exitValue(), "the page's unit tests failed (node --test " + String.join(" ", files) + "):\n" + output);
    }

    /** Node from the PATH; a clear failure when it is not installed. */
    private static String node() throws InterruptedException {
        for (String candidate : List.of("node", "nodejs")) {
            try {
                var check = new ProcessBuilder(candidate, "--version").redirectErrorStream(true).start();
                check.getInputStream().readAllBytes();
                if (check.waitFor() == 0) {
                    return candidate;
                }
            } catch (IOException notThere) {
                // try the next name
            }
        }
        return fail("Node.js is not installed: the chat page's unit tests (src/test/js) need `node` on the PATH "
                + "(Debian: apt-get install nodejs; scripts/test-server.sh does it when run as root)");
    }
}
