package org.jointchat.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.jointchat.bench.DbPassword;

/** The test server's own PostgreSQL database, for what a test must write or check behind the API. */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static Connection connect() throws SQLException {
        String url = System.getProperty("bench.db.url", "jdbc:postgresql://127.0.0.1:5432/jointchat_test");
        return DriverManager.getConnection(url, "jointchat", DbPassword.read());
    }
}
