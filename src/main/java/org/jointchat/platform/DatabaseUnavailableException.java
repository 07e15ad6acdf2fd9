package org.jointchat.platform;

/**
 * PostgreSQL could not be reached (no connection, connection lost, server shutting down or full): the
 * operation wrote nothing and may be retried (HTTP 503 with Retry-After, WebSocket UNAVAILABLE).
 */
public class DatabaseUnavailableException extends DatabaseException {

    public DatabaseUnavailableException(Throwable cause) {
        super("database unavailable", cause);
    }
}
