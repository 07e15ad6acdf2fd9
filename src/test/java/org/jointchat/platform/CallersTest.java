package org.jointchat.platform;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.security.enterprise.CallerPrincipal;
import org.junit.jupiter.api.Test;

/** Issue 25: nobody is signed in for a null principal; a caller's principal is theirs. */
class CallersTest {

    @Test
    void nullIsNobody() {
        assertNull(Callers.signedIn(null));
    }

    @Test
    void aCallerIsTheCaller() {
        var ann = new CallerPrincipal("ann");
        assertSame(ann, Callers.signedIn(ann));
    }
}
