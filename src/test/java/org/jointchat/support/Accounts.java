package org.jointchat.support;

import jakarta.json.Json;

/** Creates users and tokens through the public API, as any client would. */
public final class Accounts {

    private Accounts() {
    }

    /** A new user; returns its login (lower-case). */
    public static String register(HttpSession api, String prefix, String displayName) {
        String login = TestData.uniqueLogin(prefix).toLowerCase();
        var response = api.postJson("api/v1/accounts", Json.createObjectBuilder().add("login", login)
                .add("displayName", displayName).add("password", TestData.PASSWORD).build().toString());
        if (response.statusCode() != 201) {
            throw new AssertionError("registration failed: " + response.body());
        }
        return login;
    }

    public static String token(HttpSession api, String login) {
        var response = api.postJson("api/v1/tokens", Json.createObjectBuilder().add("login", login)
                .add("password", TestData.PASSWORD).build().toString());
        if (response.statusCode() != 201) {
            throw new AssertionError("token failed: " + response.body());
        }
        return HttpSession.json(response).getString("token");
    }
}
