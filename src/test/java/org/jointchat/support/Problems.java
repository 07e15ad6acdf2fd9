package org.jointchat.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

/** Checks of the API's problem answers ({@code application/problem+json}). */
public final class Problems {

    private Problems() {
    }

    /**
     * The answer is a problem with this status and type (the type URI's last part, after its last colon); {@code why}
     * says what the check is about.
     */
    public static void assertProblem(int status, String type, HttpResponse<String> response, String why) {
        assertEquals(status, response.statusCode(), why + ": " + response.body());
        String problem = HttpSession.json(response).getString("type");
        assertEquals(type, problem.substring(problem.lastIndexOf(':') + 1), why + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), why);
    }
}
