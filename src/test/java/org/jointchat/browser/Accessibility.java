package org.jointchat.browser;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The page as axe-core judges it (the product is judged that way): WCAG 2 A and AA rules, and a page fails on every
 * violation whose impact is serious or critical. axe is injected through WebDriver, which the page's
 * Content-Security-Policy does not apply to; the page itself carries no script for it.
 */
final class Accessibility {

    static final List<String> TAGS = List.of("wcag2a", "wcag2aa");
    static final Set<String> FAILING = Set.of("serious", "critical");

    private Accessibility() {
    }

    /** Fails, listing each rule, its help and the offending elements, when the open page has serious or critical violations. */
    static void assertAccessible(Browser browser, String what) {
        var results = new AxeBuilder().withTags(TAGS).analyze(browser.driver);
        if (results.isErrored()) {
            throw new AssertionError(what + ": axe-core could not run: " + results.getErrorMessage());
        }
        List<Rule> failing = results.getViolations().stream().filter(r -> FAILING.contains(r.getImpact())).toList();
        if (!failing.isEmpty()) {
            throw new AssertionError(what + " (" + browser.driver.getCurrentUrl() + ") has " + failing.size()
                    + " serious or critical accessibility violation(s):\n" + failing.stream().map(Accessibility::describe)
                    .collect(Collectors.joining("\n")));
        }
    }

    /** Fails when one axe rule (experimental ones too) finds a violation of any impact inside the element. */
    static void assertRulePasses(Browser browser, String rule, String css, String what) {
        var results = new AxeBuilder().withOnlyRules(List.of(rule)).include(css).analyze(browser.driver);
        if (results.isErrored()) {
            throw new AssertionError(what + ": axe-core could not run: " + results.getErrorMessage());
        }
        if (!results.getViolations().isEmpty()) {
            throw new AssertionError(what + " violates " + rule + ":\n"
                    + results.getViolations().stream().map(Accessibility::describe).collect(Collectors.joining("\n")));
        }
    }

    private static String describe(Rule rule) {
        return "- " + rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " (" + rule.getHelpUrl() + ")\n"
                + rule.getNodes().stream().limit(8)
                        .map(n -> "    " + n.getTarget() + " " + abbreviate(n.getHtml()) + "\n      " + abbreviate(n.getFailureSummary()))
                        .collect(Collectors.joining("\n"));
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ");
        return line.length() > 240 ? line.substring(0, 240) + "…" : line;
    }
}
