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

    /** Issue 23 review (authfix): what browsers strip or read as a slash must not turn a path into another site. */
    @Test
    void controlCharactersBackslashesAndAuthoritiesGoHome() {
        String home = after(null);
        for (String hostile : new String[] {"/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/ /evil.example",
                "\t//evil.example", "/\u0000/evil.example", "/\u001f/evil.example", "/\u007f/evil.example",
                "\\\\evil.example", "/x\\..\\\\evil.example", "/app/\\evil", "///evil.example", "//evil.example",
                "http:/evil.example", "javascript:alert(1)", "JAVASCRIPT:alert(1)", "/%zz", "?next=//evil.example",
                "#//evil.example", "evil.example"}) {
            assertEquals(home, after(hostile), hostile.replace("\t", "TAB"));
        }
    }

    @Test
    void queriesAndFragmentsOfOwnPathsAreKept() {
        assertEquals("/app/room.xhtml?id=5#m12", after("/app/room.xhtml?id=5#m12"));
        assertEquals("/app/search.xhtml?q=a%20b", after("/app/search.xhtml?q=a%20b"));
    }
}
