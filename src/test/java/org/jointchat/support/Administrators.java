package org.jointchat.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;

/**
 * System administrators for tests: a new user given the role behind the API, as {@code ./jointchat admin grant}
 * does on the machine (AdminCommandIT runs the command itself), and the administration API called with their token.
 */
public final class Administrators {

    private Administrators() {
    }

    /** A new user with a token. */
    public static TestUser person(HttpSession api, String prefix, String displayName) {
        return TestUser.register(api, prefix, displayName);
    }

    /** A new user made an administrator, with a token. */
    public static TestUser administrator(HttpSession api, String prefix, String displayName) throws SQLException {
        var person = person(api, prefix, displayName);
        setAdmin(person.login(), true);
        return person;
    }

    public static void setAdmin(String login, boolean admin) throws SQLException {
        try (var db = TestDatabase.connect(); var update = db.prepareStatement("UPDATE users SET is_admin = ? WHERE login = ?")) {
            update.setBoolean(1, admin);
            update.setString(2, login);
            if (update.executeUpdate() != 1) {
                throw new AssertionError("no user " + login);
            }
        }
    }

    /** Makes {@code login} the only active administrator (the database is the test server's own). */
    public static void onlyAdministrator(String login) throws SQLException {
        try (var db = TestDatabase.connect(); var update = db.prepareStatement(
                "UPDATE users SET is_admin = (login = ?) WHERE is_admin OR login = ?")) {
            update.setString(1, login);
            update.setString(2, login);
            update.executeUpdate();
        }
    }

    public static HttpResponse<String> get(HttpSession api, TestUser caller, String path) {
        return api.get("api/v1/admin/" + path, "Authorization", caller.bearer(), "Accept-Language", "en");
    }

    public static HttpResponse<String> post(HttpSession api, TestUser caller, String path, JsonObject body) {
        return api.postJson("api/v1/admin/" + path, body == null ? "{}" : body.toString(), "Authorization", caller.bearer(),
                "Accept-Language", "en");
    }

    public static HttpResponse<String> put(HttpSession api, TestUser caller, String path, JsonObject body) {
        var request = api.request("api/v1/admin/" + path, "Authorization", caller.bearer(), "Accept-Language", "en");
        if (body == null) {
            return api.send(request.PUT(HttpRequest.BodyPublishers.noBody()));
        }
        return api.send(request.header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    public static HttpResponse<String> delete(HttpSession api, TestUser caller, String path) {
        return api.delete("api/v1/admin/" + path, "Authorization", caller.bearer(), "Accept-Language", "en");
    }

    /** Sets the registration mode (open, invite-only, closed) as the administrator; fails the test when refused. */
    public static void registrationMode(HttpSession api, TestUser admin, String mode) {
        var answer = put(api, admin, "registration", Json.createObjectBuilder().add("mode", mode).build());
        if (answer.statusCode() != 200) {
            throw new AssertionError("mode " + mode + " refused: " + answer.statusCode() + " " + answer.body());
        }
    }

    /** Signs in on the login page as a browser without JavaScript would; returns the answer (302 when signed in). */
    public static FacesForm.HttpSessionResponse signIn(HttpSession browser, String login, String password, boolean remember) {
        var form = FacesForm.of(browser.get("login.xhtml", "Accept-Language", "en").body(), "login")
                .set("login:username", login).set("login:password", password);
        if (remember) {
            form.set("login:rememberMe_input", "on");
        }
        return form.press(browser, "login:submit");
    }
}
