package io.guichet.platform.db;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Admission in front of the pool: as many permits as connections, handed out first come, first
 * served. A request waits its turn while the database is up (virtual threads make waiting cheap), up
 * to {@code maxWaitMillis}; it fails at once, with the transient error that answers 503, only when the
 * database is really down. The pool itself never has a queue of waiters (whose hand-off spins under a
 * rush): it is asked only by a request that holds a permit, and the permit returns when the connection
 * is closed.
 */
final class AdmissionDataSource implements DataSource {
    private static final long TURN_MILLIS = 250;

    private final DataSource pool;
    private final BooleanSupplier databaseUp;
    private final long maxWaitMillis;
    private final Semaphore permits;

    AdmissionDataSource(DataSource pool, int connections, BooleanSupplier databaseUp, long maxWaitMillis) {
        this.pool = pool;
        this.databaseUp = databaseUp;
        this.maxWaitMillis = maxWaitMillis;
        this.permits = new Semaphore(connections, true);
    }

    @Override
    public Connection getConnection() throws SQLException {
        long giveUpAt = System.currentTimeMillis() + maxWaitMillis;
        try {
            while (!permits.tryAcquire(TURN_MILLIS, TimeUnit.MILLISECONDS)) {
                if (!databaseUp.getAsBoolean()) throw unavailable();
                if (System.currentTimeMillis() >= giveUpAt) {
                    throw new SQLTransientConnectionException("Every database connection stayed busy for " + maxWaitMillis + " ms", "08001");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("Interrupted while waiting for a database connection", "08001", e);
        }
        try {
            if (!databaseUp.getAsBoolean()) throw unavailable();
            return returningPermit(pool.getConnection());
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private static SQLTransientConnectionException unavailable() {
        return new SQLTransientConnectionException("The database is not reachable", "08001");
    }

    /** The pool's connection, whose close (the first one only) also gives the permit back. */
    private Connection returningPermit(Connection connection) {
        AtomicBoolean open = new AtomicBoolean(true);
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        try {
                            connection.close();
                        } finally {
                            if (open.compareAndSet(true, false)) permits.release();
                        }
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
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
