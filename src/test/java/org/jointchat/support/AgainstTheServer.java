package org.jointchat.support;

import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** What every test that talks to the deployed application from outside starts with: the WAR, its base URI, an API client. */
@ExtendWith(ArquillianExtension.class)
public abstract class AgainstTheServer {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.app();
    }

    @ArquillianResource
    protected URL baseUrl;

    protected URI base;
    protected HttpSession api;

    @BeforeEach
    void connectToTheServer() throws Exception {
        base = baseUrl.toURI();
        api = new HttpSession(base);
    }

    /** The status of the server's readiness check ({@code /health/ready}), or -1 when nothing answers. */
    protected int readiness() {
        try {
            return new HttpSession(base.resolve("/")).get("health/ready").statusCode();
        } catch (RuntimeException nobodyAnswers) {
            return -1;
        }
    }
}
