package org.jointchat.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jointchat.bench.DbPassword;
import org.jointchat.support.Administrators;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;

/**
 * The first administrator is made on the machine: {@code ./jointchat admin grant LOGIN}, run here as an operator
 * would, against the test server's database (named the way an operator names another database: JOINTCHAT_DB_URL,
 * _USER, _PASSWORD). The role applies to the very next request, the audit log records the machine (no actor), and
 * revoking the last administrator is allowed on the machine, with a warning.
 */
class AdminCommandIT extends AgainstTheServer {

    record Run(int exit, String out, String err) {
    }

    static Run jointchat(String... arguments) throws Exception {
        var command = new ArrayList<>(List.of("bash", "./jointchat"));
        command.addAll(List.of(arguments));
        var builder = new ProcessBuilder(command);
        builder.environment().put("JOINTCHAT_DB_URL", System.getProperty("bench.db.url", "jdbc:postgresql://127.0.0.1:5432/jointchat_test"));
        builder.environment().put("JOINTCHAT_DB_USER", "jointchat");
        builder.environment().put("JOINTCHAT_DB_PASSWORD", DbPassword.read());
        var process = builder.start();
        process.getOutputStream().close();
        var out = process.getInputStream().readAllBytes();
        var err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the command returns");
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    int adminCall(TestUser who) {
        return Administrators.get(api, who, "users?limit=1").statusCode();
    }

    @Test
    void grantMakesTheFirstAdministratorAndRevokeTakesTheRoleAwayWithTheMachineInTheAuditLog() throws Exception {
        var first = Administrators.person(api, "first", "First Admin");
        assertEquals(403, adminCall(first));

        var granted = jointchat("admin", "grant", first.login().toUpperCase());
        assertEquals(0, granted.exit(), granted.err());
        assertTrue(granted.out().contains(first.login() + " is an administrator now"), granted.out());
        assertEquals(200, adminCall(first), "the next request already has the role");

        var again = jointchat("admin", "grant", first.login());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("was an administrator already"), again.out());

        var list = jointchat("admin", "list");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith(first.login() + " ") && l.contains("active") && l.contains("First Admin")),
                list.out());

        // The audit log has it once, by the machine (no actor).
        var entries = HttpSession.json(Administrators.get(api, first, "audit?limit=200")).getJsonArray("entries")
                .getValuesAs(JsonObject.class).stream().filter(e -> first.login().equals(e.getString("target", null))).toList();
        assertEquals(1, entries.size(), entries.toString());
        assertEquals("user.admin.grant", entries.get(0).getString("action"));
        assertTrue(entries.get(0).isNull("actor"), "the machine: " + entries.get(0));

        // Revoked while another administrator remains: no warning; the role is gone at once.
        var other = Administrators.administrator(api, "other", "Other Admin");
        var revoked = jointchat("admin", "revoke", first.login());
        assertEquals(0, revoked.exit(), revoked.err());
        assertTrue(revoked.out().contains(first.login() + " is no longer an administrator"), revoked.out());
        assertFalse(revoked.out().contains("Warning"), revoked.out());
        assertEquals(403, adminCall(first));
        var revokeEntries = HttpSession.json(Administrators.get(api, other, "audit?limit=200")).getJsonArray("entries")
                .getValuesAs(JsonObject.class).stream()
                .filter(e -> first.login().equals(e.getString("target", null)) && "user.admin.revoke".equals(e.getString("action"))).toList();
        assertEquals(1, revokeEntries.size());
        assertTrue(revokeEntries.get(0).isNull("actor"));
    }

    @Test
    void revokingTheLastAdministratorIsAllowedOnTheMachineButItSaysSo() throws Exception {
        var last = Administrators.administrator(api, "lastm", "Last On Machine");
        Administrators.onlyAdministrator(last.login());
        var revoked = jointchat("admin", "revoke", last.login());
        assertEquals(0, revoked.exit(), revoked.err());
        assertTrue(revoked.out().contains("Warning: there is no active administrator now"), revoked.out());
        assertEquals(403, adminCall(last));
        var none = jointchat("admin", "list");
        assertFalse(none.out().contains(last.login()), none.out());
        // The way back is the same command.
        assertEquals(0, jointchat("admin", "grant", last.login()).exit());
        assertEquals(200, adminCall(last));
    }

    @Test
    void unknownLoginsAndNonsenseAreRefusedWithAClearMessageAndChangeNothing() throws Exception {
        String unknown = TestData.uniqueLogin("nobody");
        var run = jointchat("admin", "grant", unknown);
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("There is no user '" + unknown + "'"), run.err());
        var revoke = jointchat("admin", "revoke", unknown);
        assertEquals(1, revoke.exit());
        assertTrue(revoke.err().contains("There is no user '" + unknown + "'"), revoke.err());

        var injection = jointchat("admin", "grant", "x'; UPDATE users SET is_admin = true; --");
        assertEquals(1, injection.exit());
        assertTrue(injection.err().contains("is not a login"), injection.err());

        var usage = jointchat("admin", "promote", "someone");
        assertEquals(1, usage.exit());
        assertTrue(usage.err().contains("usage: ./jointchat admin grant LOGIN | revoke LOGIN | list"), usage.err());
        var noLogin = jointchat("admin", "grant");
        assertEquals(1, noLogin.exit());
        assertTrue(noLogin.err().contains("usage: ./jointchat admin grant LOGIN"), noLogin.err());
    }
}
