package org.jointchat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The database password the scripts generated (scripts/common.sh), for seeding history by SQL. */
public final class DbPassword {

    private DbPassword() {
    }

    public static String read() {
        String fromEnv = System.getenv("JOINTCHAT_DB_PASSWORD");
        if (fromEnv != null) {
            return fromEnv;
        }
        String dir = System.getenv("JOINTCHAT_CONFIG_DIR");
        if (dir == null) {
            String xdg = System.getenv("XDG_CONFIG_HOME");
            dir = (xdg != null ? xdg : System.getProperty("user.home") + "/.config") + "/jointchat";
        }
        try (var lines = Files.lines(Path.of(dir, "db.env"))) {
            return lines.filter(l -> l.startsWith("JOINTCHAT_DB_PASSWORD=")).findFirst()
                    .map(l -> l.substring("JOINTCHAT_DB_PASSWORD=".length())).orElse("");
        } catch (IOException e) {
            return "";
        }
    }
}
