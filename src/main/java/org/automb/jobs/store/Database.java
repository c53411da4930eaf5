package org.automb.jobs.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store's one connection, shared by all threads under a lock: SQLite allows one writer anyway, and a single
 * connection keeps the store free of pool settings. Writes run as one transaction each.
 */
final class Database implements AutoCloseable {

    /** Work done on the connection while the lock is held. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    Database(Connection connection) {
        this.connection = connection;
    }

    /** Runs single-statement reads in auto-commit mode, so they take no write lock. */
    <T> T read(Work<T> work) {
        lock.lock();
        try {
            ensureOpen();
            return work.run(connection);
        } catch (SQLException e) {
            throw new JobStoreException("job database read failed", e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} as one transaction: committed when it returns, rolled back when it throws. */
    <T> T write(Work<T> work) {
        lock.lock();
        try {
            ensureOpen();
            return inTransaction(work);
        } catch (SQLException e) {
            throw new JobStoreException("job database write failed", e);
        } finally {
            lock.unlock();
        }
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(e);
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void rollbackQuietly(Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("job store is closed");
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                connection.close();
            }
        } catch (SQLException e) {
            throw new JobStoreException("cannot close the job database", e);
        } finally {
            lock.unlock();
        }
    }
}
