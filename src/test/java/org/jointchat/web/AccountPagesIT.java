package org.jointchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jointchat.support.Deployments;
import org.jointchat.support.FacesForm;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The register, login, home and logout pages driven over HTTP as a browser without JavaScript would:
 * real form posts carrying the Faces view state, cookies, redirects.
 */
@ExtendWith(ArquillianExtension.class)
class AccountPagesIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.app();
    }

    @ArquillianResource
    URL base;

    @Test
    void registerLoginHomeLogout() throws Exception {
        var browser = new HttpSession(base.toURI());
        String login = TestData.uniqueLogin("Page");
        String en = "Accept-Language";

        // The signed-in area sends strangers to the login page, remembering where they wanted to go.
        var home = browser.get("app/home.xhtml");
        assertEquals(302, home.statusCode());
        assertEquals("/login.xhtml?next=%2Fapp%2Fhome.xhtml", browser.redirectPath(home));

        // Registration with a mismatched repeat is refused with a message on that field.
        var registerPage = browser.get("register.xhtml", en, "en");
        assertEquals(200, registerPage.statusCode());
        var refused = FacesForm.of(registerPage.body(), "register")
                .set("register:login", login).set("register:displayName", "Page Tester")
                .set("register:password", TestData.PASSWORD).set("register:passwordRepeat", TestData.PASSWORD + "?")
                .press(browser, "register:submit");
        assertEquals(200, refused.status());
        assertTrue(refused.page().text().contains("The passwords do not match."), refused.page().text());
        assertEquals(login, refused.page().getElementById("register:login").val(), "entered login is kept");

        // A valid registration signs in at once, as a sign-in does (a new session id), and opens the chat.
        String sessionOfTheForm = browser.cookie("JSESSIONID");
        var registered = FacesForm.of(refused.response().body(), "register")
                .set("register:login", login).set("register:displayName", "Page Tester Тестер")
                .set("register:password", TestData.PASSWORD).set("register:passwordRepeat", TestData.PASSWORD)
                .press(browser, "register:submit");
        assertEquals(302, registered.status(), registered.page().text());
        assertEquals("/app/home.xhtml", browser.redirectPath(registered.response()));
        assertNotEquals(sessionOfTheForm, browser.cookie("JSESSIONID"), "session id changes on the sign-in of registering");
        var firstHome = browser.get("app/home.xhtml", en, "en");
        assertEquals(200, firstHome.statusCode());
        assertTrue(firstHome.body().contains("@" + login.toLowerCase()), "signed in as the new account");
        var signedOut = FacesForm.of(firstHome.body(), "session").press(browser, "session:logout");
        assertEquals(302, signedOut.status());
        var loginPage = browser.get("login.xhtml?next=%2Fapp%2Fhome.xhtml", en, "en");
        assertEquals(200, loginPage.statusCode());

        // A wrong password gets the one generic message.
        var wrong = FacesForm.of(loginPage.body(), "login")
                .set("login:username", login).set("login:password", "not my password")
                .press(browser, "login:submit");
        assertEquals(200, wrong.status());
        assertTrue(wrong.page().text().contains("Wrong login or password."), wrong.page().text());

        // The right one signs in, with a new session id, and returns to the page asked for.
        String sessionBefore = browser.cookie("JSESSIONID");
        var signedIn = FacesForm.of(wrong.response().body(), "login")
                .set("login:username", login.toUpperCase()).set("login:password", TestData.PASSWORD)
                .press(browser, "login:submit");
        assertEquals(302, signedIn.status(), signedIn.page().text());
        assertEquals("/app/home.xhtml", browser.redirectPath(signedIn.response()));
        assertNotNull(browser.cookie("JSESSIONID"));
        assertNotEquals(sessionBefore, browser.cookie("JSESSIONID"), "session id changes on login");

        var homePage = browser.get("app/home.xhtml", en, "en");
        assertEquals(200, homePage.statusCode());
        assertTrue(homePage.body().contains("Page Tester Тестер"), "form posts are decoded as UTF-8");
        assertTrue(homePage.body().contains("@" + login.toLowerCase()));

        // The browser session also works for the API, and the same password works for API clients.
        assertEquals(200, browser.get("api/v1/users/me").statusCode());
        var apiClient = new HttpSession(base.toURI());
        var token = apiClient.postJson("api/v1/tokens",
                Json.createObjectBuilder().add("login", login).add("password", TestData.PASSWORD).build().toString());
        assertEquals(201, token.statusCode(), token.body());

        // Logging out ends the session: the home page is closed again.
        var loggedOut = FacesForm.of(homePage.body(), "session").press(browser, "session:logout");
        assertEquals(302, loggedOut.status());
        assertTrue(browser.redirectPath(loggedOut.response()).startsWith("/login.xhtml"));
        assertTrue(browser.get("login.xhtml", en, "en").body().contains("You have logged out."));
        assertEquals(302, browser.get("app/home.xhtml").statusCode());
        assertEquals(401, browser.get("api/v1/users/me").statusCode());
    }

    @Test
    void languageFollowsTheBrowserAndCanBeSwitched() throws Exception {
        var browser = new HttpSession(base.toURI());
        assertTrue(browser.get("login.xhtml", "Accept-Language", "ru-RU,ru;q=0.9").body().contains("<h1 id=\"login-heading\">Вход</h1>"));
        assertTrue(browser.get("login.xhtml", "Accept-Language", "de-DE").body().contains("<h1 id=\"login-heading\">Sign in</h1>"));

        var switched = browser.get("login.xhtml?lang=uk", "Accept-Language", "ru");
        assertEquals(302, switched.statusCode());
        assertEquals("/login.xhtml", browser.redirectPath(switched));
        var ukrainian = browser.get("login.xhtml", "Accept-Language", "ru");
        assertTrue(ukrainian.body().contains("<h1 id=\"login-heading\">Вхід</h1>"), ukrainian.body());
        assertTrue(ukrainian.body().contains("lang=\"uk\""));
    }

    @Test
    void aLoginPageNeverRedirectsToAnotherSite() throws Exception {
        var browser = new HttpSession(base.toURI());
        String login = TestData.uniqueLogin("next");
        assertEquals(201, browser.postJson("api/v1/accounts", Json.createObjectBuilder().add("login", login)
                .add("displayName", "Next").add("password", TestData.PASSWORD).build().toString()).statusCode());
        var page = browser.get("login.xhtml?next=%2F%2Fevil.example%2Fphish");
        var signedIn = FacesForm.of(page.body(), "login")
                .set("login:username", login).set("login:password", TestData.PASSWORD)
                .press(browser, "login:submit");
        assertEquals(302, signedIn.status());
        assertEquals("/app/home.xhtml", browser.redirectPath(signedIn.response()));
        assertFalse(signedIn.response().headers().firstValue("Location").orElseThrow().contains("evil"));
    }
}
