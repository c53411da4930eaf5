package org.automb.jobs.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One prepared statement with its parameters bound in order. Nulls are bound with their SQL type because
 * PostgreSQL, unlike SQLite, will not guess it.
 */
final class SqlCall {

    /** Binds one parameter. */
    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement, int index) throws SQLException;
    }

    /** Turns the current row into a value. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final Connection connection;
    private final String sql;
    private final List<Binder> binders = new ArrayList<>();

    private SqlCall(Connection connection, String sql) {
        this.connection = connection;
        this.sql = sql;
    }

    static SqlCall on(Connection connection, String sql) {
        return new SqlCall(connection, sql);
    }

    SqlCall text(String value) {
        binders.add((s, i) -> {
            if (value == null) {
                s.setNull(i, Types.VARCHAR);
            } else {
                s.setString(i, value);
            }
        });
        return this;
    }

    SqlCall number(int value) {
        binders.add((s, i) -> s.setInt(i, value));
        return this;
    }

    SqlCall number(Long value) {
        binders.add((s, i) -> {
            if (value == null) {
                s.setNull(i, Types.BIGINT);
            } else {
                s.setLong(i, value);
            }
        });
        return this;
    }

    SqlCall decimal(Double value) {
        binders.add((s, i) -> {
            if (value == null) {
                s.setNull(i, Types.DOUBLE);
            } else {
                s.setDouble(i, value);
            }
        });
        return this;
    }

    /** An instant as epoch milliseconds. */
    SqlCall millis(Instant value) {
        binders.add((s, i) -> {
            if (value == null) {
                s.setNull(i, Types.BIGINT);
            } else {
                s.setLong(i, value.toEpochMilli());
            }
        });
        return this;
    }

    int update() throws SQLException {
        try (PreparedStatement statement = prepared()) {
            return statement.executeUpdate();
        }
    }

    <T> List<T> list(RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement statement = prepared(); ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        }
    }

    private PreparedStatement prepared() throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < binders.size(); i++) {
                binders.get(i).bind(statement, i + 1);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }
}
