package org.jointchat.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Issue 25: the data source takes the values a server resolved (Payara) and leaves for MicroProfile Config what a
 * server left empty or unresolved (WildFly), never taking a placeholder for a value.
 */
class ConfiguredDataSourceTest {

    @Test
    void emptyOrUnresolvedValuesAreNotGiven() {
        assertTrue(ConfiguredDataSource.notGiven(null));
        assertTrue(ConfiguredDataSource.notGiven(""));
        assertTrue(ConfiguredDataSource.notGiven("${MPCONFIG=jointchat.db.url}"));
        assertFalse(ConfiguredDataSource.notGiven("jdbc:postgresql://127.0.0.1:5432/jointchat"));
        assertFalse(ConfiguredDataSource.notGiven("s3cret"));
    }

    @Test
    void aResolvedValueIsUsedAsItIs() {
        var source = new ConfiguredDataSource();
        source.setUrl("jdbc:postgresql://127.0.0.1:5432/given");
        source.setUser("someone");
        assertEquals("given", source.getDatabaseName());
        assertEquals("someone", source.getUser());
    }

    @Test
    void aPlaceholderIsNeverTakenForAValue() {
        var source = new ConfiguredDataSource();
        source.setUrl("${MPCONFIG=jointchat.db.url}");
        source.setUser("");
        // Read from MicroProfile Config at the first connection; meanwhile neither the placeholder nor a value.
        assertFalse(source.getUrl().contains("MPCONFIG"), source.getUrl());
        assertNull(source.getUser());
    }
}
