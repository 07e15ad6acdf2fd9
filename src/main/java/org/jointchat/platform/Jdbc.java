package org.jointchat.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain SQL on the application's DataSource, for the hot and set-oriented paths where JPA adds
 * nothing. Inside a JTA transaction the connection joins it; outside, each call commits on its own.
 */
@ApplicationScoped
public class Jdbc {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet row) throws SQLException;
    }

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    public <T> List<T> list(String sql, Row<T> mapper, Object... parameters) {
        try (Connection c = connection(); PreparedStatement statement = prepare(c, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            var result = new ArrayList<T>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /**
     * As {@link #list}, cancelled by the database after {@code seconds} (SQLSTATE 57014, reported as a
     * {@link DatabaseException} whose cause says so: {@link Database#hasSqlState}).
     */
    public <T> List<T> listWithin(int seconds, String sql, Row<T> mapper, Object... parameters) {
        return listWithin(seconds, false, sql, mapper, parameters);
    }

    /**
     * As {@link #listWithin(int, String, Row, Object...)}; with {@code planEachTime} PostgreSQL plans the statement
     * with this call's values every time instead of switching to a generic plan after five executions (for
     * statements whose best plan depends on the values, such as a full-text search).
     */
    public <T> List<T> listWithin(int seconds, boolean planEachTime, String sql, Row<T> mapper, Object... parameters) {
        try (Connection c = connection(); PreparedStatement statement = prepare(c, sql, parameters)) {
            statement.setQueryTimeout(seconds);
            if (planEachTime && statement.isWrapperFor(org.postgresql.PGStatement.class)) {
                statement.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
            }
            try (ResultSet rows = statement.executeQuery()) {
                var result = new ArrayList<T>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    public <T> Optional<T> one(String sql, Row<T> mapper, Object... parameters) {
        return list(sql, mapper, parameters).stream().findFirst();
    }

    public long count(String sql, Object... parameters) {
        return one(sql, row -> row.getLong(1), parameters).orElse(0L);
    }

    /** Runs an INSERT/UPDATE/DELETE; the number of rows it touched. */
    public int update(String sql, Object... parameters) {
        try (Connection c = connection(); PreparedStatement statement = prepare(c, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** A pooled connection; failing to get one means the database cannot be reached now. */
    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    /**
     * Only failures to reach the database are "unavailable" (retry later): SQLSTATE class 08 (connection),
     * 57P01–57P03 (shutting down, cannot connect now), 53300 (too many connections). Anything else — a
     * constraint, a bad statement — is a {@link DatabaseException}: a 500, logged with its cause.
     */
    static DatabaseException translate(SQLException e) {
        return Database.isUnreachable(e) ? new DatabaseUnavailableException(e) : new DatabaseException(e);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        var statement = c.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
