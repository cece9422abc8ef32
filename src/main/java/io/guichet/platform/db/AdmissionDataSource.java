package io.guichet.platform.db;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Admission in front of the pool: a request waits its turn for a connection as long as the database is
 * up (virtual threads make waiting cheap), up to {@code maxWaitMillis}; it fails at once, with the
 * transient error that answers 503, only when the database is really down. The pool's own timeout is
 * one turn of that wait, after which the request checks the database's health and queues again.
 */
final class AdmissionDataSource implements DataSource {
    private final DataSource pool;
    private final BooleanSupplier databaseUp;
    private final long maxWaitMillis;

    AdmissionDataSource(DataSource pool, BooleanSupplier databaseUp, long maxWaitMillis) {
        this.pool = pool;
        this.databaseUp = databaseUp;
        this.maxWaitMillis = maxWaitMillis;
    }

    @Override
    public Connection getConnection() throws SQLException {
        long giveUpAt = System.currentTimeMillis() + maxWaitMillis;
        while (true) {
            if (!databaseUp.getAsBoolean()) throw new SQLTransientConnectionException("The database is not reachable", "08001");
            try {
                return pool.getConnection();
            } catch (SQLTransientConnectionException busy) {
                if (!databaseUp.getAsBoolean() || System.currentTimeMillis() >= giveUpAt) throw busy;
                // every connection is busy with others' work: wait another turn
            }
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("The pool's own credentials are used");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
