package org.jointchat.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one deployment every integration test uses: the WAR the build just packaged, exactly as users
 * get it, plus the test classes that must run inside the server.
 */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive app(Class<?>... inContainerClasses) {
        var war = ShrinkWrap.createFromZipFile(WebArchive.class,
                new File(System.getProperty("it.war", "target/jointchat.war")));
        war.addClasses(inContainerClasses);
        war.addClasses(TestData.class);
        return war;
    }

    /** The WAR plus the WebSocket test client, for in-container tests that talk to the server over a socket. */
    public static WebArchive appWithChatClient(Class<?>... inContainerClasses) {
        var war = app(inContainerClasses);
        war.addClasses(ChatClient.class);
        war.addClass(ChatClient.class.getName() + "$1"); // its WebSocket listener
        return war;
    }
}
