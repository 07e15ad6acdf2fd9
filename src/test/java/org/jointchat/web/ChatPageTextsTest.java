package org.jointchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ResourceBundle;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The chat page's JSON block of words: safe inside a script element, and complete for what the modules ask. */
class ChatPageTextsTest {

    @Test
    void noTranslationCanEndTheScriptElement() {
        String json = ChatPageTexts.safeInScript(jakarta.json.Json.createObjectBuilder()
                .add("chat.send", "Send </script><script>alert(1)</script> <!--").build().toString());
        assertFalse(json.contains("<"), json);
        try (var reader = jakarta.json.Json.createReader(new StringReader(json))) {
            assertEquals("Send </script><script>alert(1)</script> <!--", reader.readObject().getString("chat.send"));
        }
    }

    @Test
    void everyKeyThePageAsksForIsSentAndTranslated() throws IOException {
        var asked = new TreeSet<String>();
        var call = Pattern.compile("\\.t\\('([^']+)'\\)|: '((?:problem|chat)\\.[^']+)'");
        try (Stream<Path> files = Files.walk(Path.of("src/main/webapp/resources/js/chat"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                var matcher = call.matcher(Files.readString(file));
                while (matcher.find()) {
                    asked.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
                }
            }
        }
        assertTrue(asked.size() > 50, "found the page's keys: " + asked);
        var missing = new TreeSet<>(asked);
        missing.removeAll(ChatPageTexts.KEYS);
        assertEquals(new TreeSet<String>(), missing, "keys the page uses but ChatPageTexts.KEYS does not send");
        for (String language : new String[] {"en", "ru", "uk"}) {
            var bundle = ResourceBundle.getBundle("org.jointchat.i18n.messages", Locale.forLanguageTag(language));
            for (String key : ChatPageTexts.KEYS) {
                assertTrue(bundle.containsKey(key), language + " has no " + key);
            }
        }
    }
}
