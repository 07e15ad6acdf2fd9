package org.jointchat.platform;

/**
 * A statement failed for a reason other than reaching the database: a constraint, a bug. The transaction
 * wrote nothing; retrying the same request does not help (HTTP 500, logged with its cause), unlike
 * {@link DatabaseUnavailableException}. Callers that expect a constraint (a unique name) catch it and
 * ask {@link Database#hasSqlState}.
 */
public class DatabaseException extends RuntimeException {

    public DatabaseException(Throwable cause) {
        super("database statement failed", cause);
    }

    protected DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
