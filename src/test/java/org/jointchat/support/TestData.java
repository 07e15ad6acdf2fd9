package org.jointchat.support;

import java.util.UUID;

/** Unique names, so that tests never depend on each other or on what an earlier run left. */
public final class TestData {

    public static final String PASSWORD = "correct horse 42";

    private TestData() {
    }

    public static String uniqueLogin(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
