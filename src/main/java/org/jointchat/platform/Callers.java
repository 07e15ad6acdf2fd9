package org.jointchat.platform;

import java.security.Principal;

/**
 * Who is signed in, alike on every server (issue 25). Asked about a caller who is not signed in, Payara answers
 * {@code null}, while WildFly's Jakarta Security answers its Elytron anonymous principal ("anonymous"); a login
 * page that tests for {@code null} then sends everyone to the chat. Every "is anyone signed in" test goes through here.
 */
public final class Callers {

    private static final String WILDFLY_ANONYMOUS = "org.wildfly.security.auth.principal.AnonymousPrincipal";

    private Callers() {
    }

    /** The principal of a signed-in caller, or null for nobody (null or a server's anonymous principal). */
    public static Principal signedIn(Principal principal) {
        return principal == null || WILDFLY_ANONYMOUS.equals(principal.getClass().getName()) ? null : principal;
    }
}
