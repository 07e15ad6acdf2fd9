package org.jointchat.platform;

/** PostgreSQL could not be reached or refused a statement; the operation wrote nothing and may be retried. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(Throwable cause) {
        super("database unavailable", cause);
    }
}
