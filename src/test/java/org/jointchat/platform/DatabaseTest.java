package org.jointchat.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Only a database that cannot be reached is "unavailable, retry"; a refused statement is a 500 with its cause. */
class DatabaseTest {

    @Test
    void connectionFailuresAreUnavailable() {
        for (String state : new String[] {"08001", "08006", "57P01", "57P03", "53300"}) {
            assertInstanceOf(DatabaseUnavailableException.class, Jdbc.translate(new SQLException("x", state)), state);
        }
        assertTrue(Database.isUnreachable(new RuntimeException(new java.sql.SQLTransientConnectionException("pool"))));
    }

    @Test
    void constraintsAndBugsAreNot() {
        for (String state : new String[] {"23505", "23503", "42601", "22001"}) {
            var translated = Jdbc.translate(new SQLException("x", state));
            assertFalse(translated instanceof DatabaseUnavailableException, state);
            assertTrue(Database.hasSqlState(translated, state), "the cause is kept: " + state);
        }
    }
}
