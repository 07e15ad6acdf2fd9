package org.jointchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The palette at the top of jointchat.css (issue 21, items 12 and 13): every text colour the pages put on a surface
 * is at least 4.5:1 (WCAG 2 AA) against it, in light and in dark, and white initials are on every avatar colour. The
 * browser tests run axe-core on the pages; this finds a bad pair before a page shows it.
 */
class PaletteContrastTest {

    static final Path CSS = Path.of("src/main/webapp/resources/css/jointchat.css");
    static final Pattern VARIABLE = Pattern.compile("--(jc-[a-z0-9-]+):\\s*(?:light-dark\\((#[0-9a-fA-F]{3,6}),\\s*(#[0-9a-fA-F]{3,6})\\)|(#[0-9a-fA-F]{3,6}))");

    /** Text colour, then the surfaces it is read on. */
    static final Map<String, List<String>> READ_ON = Map.of(
            "jc-text", List.of("jc-bg", "jc-surface", "jc-surface-2", "jc-hover", "jc-selected", "jc-row-hover", "jc-mine",
                    "jc-mention-bg", "jc-highlight", "jc-warn-bg"),
            "jc-muted", List.of("jc-bg", "jc-surface", "jc-surface-2", "jc-hover", "jc-selected", "jc-row-hover", "jc-mine"),
            "jc-link", List.of("jc-bg", "jc-surface", "jc-surface-2", "jc-hover", "jc-selected", "jc-row-hover", "jc-mine",
                    "jc-mention-bg", "jc-highlight"),
            "jc-danger", List.of("jc-bg", "jc-surface", "jc-surface-2", "jc-hover"),
            "jc-on-accent", List.of("jc-accent", "jc-accent-dark", "jc-danger-fill"),
            "jc-warn-text", List.of("jc-warn-bg", "jc-mention-me-bg", "jc-mention-bg"),
            "jc-badge-text", List.of("jc-badge-bg"),
            "jc-badge-off-text", List.of("jc-badge-off-bg"),
            "jc-toast-text", List.of("jc-toast-bg"));

    @Test
    void everyTextIsReadableInBothModes() throws IOException {
        Map<String, String[]> palette = palette();
        for (int mode = 0; mode < 2; mode++) {
            for (var pair : READ_ON.entrySet()) {
                for (String surface : pair.getValue()) {
                    String text = palette.get(pair.getKey())[mode];
                    String under = palette.get(surface)[mode];
                    double ratio = contrast(text, under);
                    assertTrue(ratio >= 4.5, (mode == 0 ? "light" : "dark") + ": " + pair.getKey() + " " + text + " on " + surface
                            + " " + under + " is " + String.format("%.2f", ratio) + ":1");
                }
            }
        }
    }

    @Test
    void whiteInitialsOnEveryAvatarColour() throws IOException {
        Map<String, String[]> palette = palette();
        for (int i = 0; i < ProfilePage.AVATAR_COLOURS; i++) {
            String colour = palette.get("jc-avatar-" + i)[0];
            assertTrue(contrast("#fff", colour) >= 4.5, "avatar " + i + " " + colour);
        }
        assertTrue(!palette.containsKey("jc-avatar-" + ProfilePage.AVATAR_COLOURS), "the palette has as many colours as the pages pick from");
    }

    @Test
    void theSameAvatarColourAsTheChatPage() {
        // Indexes computed by ui/dom.js avatar(): hash = (hash * 31 + code) | 0, Math.abs(hash) % 12.
        assertEquals("var(--jc-avatar-0)", ProfilePage.avatarColor("alice"));
        assertEquals("var(--jc-avatar-1)", ProfilePage.avatarColor("bob"));
        assertEquals("var(--jc-avatar-4)", ProfilePage.avatarColor("teal-user"));
        assertEquals("var(--jc-avatar-10)", ProfilePage.avatarColor("a-very-long-login-name-42"));
    }

    /** Each variable's [light, dark] colour. */
    static Map<String, String[]> palette() throws IOException {
        var found = new HashMap<String, String[]>();
        var matcher = VARIABLE.matcher(Files.readString(CSS));
        while (matcher.find()) {
            found.putIfAbsent(matcher.group(1), matcher.group(4) != null ? new String[] {matcher.group(4), matcher.group(4)}
                    : new String[] {matcher.group(2), matcher.group(3)});
        }
        return found;
    }

    static double contrast(String a, String b) {
        double x = luminance(a);
        double y = luminance(b);
        return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
    }

    static double luminance(String hex) {
        String h = hex.substring(1);
        if (h.length() == 3) {
            h = "" + h.charAt(0) + h.charAt(0) + h.charAt(1) + h.charAt(1) + h.charAt(2) + h.charAt(2);
        }
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
