package org.jointchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** After signing in, the page returns only to a path of this application, never to another site. */
class LoginPageTest {

    private static String after(String next) {
        var page = new LoginPage();
        page.setNext(next);
        return page.safeNext();
    }

    @Test
    void pathsOfThisApplicationAreKept() {
        assertEquals("/app/profile.xhtml?login=ann", after("/app/profile.xhtml?login=ann"));
    }

    @Test
    void otherSitesHeaderInjectionAndTheLoginPageItselfGoHome() {
        String home = after(null);
        for (String hostile : new String[] {"//evil.example/x", "/\\evil.example", "https://evil.example/", "/app\r\nSet-Cookie: x=1",
                "/login.xhtml?next=/app", "app/home.xhtml", ""}) {
            assertEquals(home, after(hostile), hostile);
        }
    }
}
