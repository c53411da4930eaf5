package org.automb.jobs.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The SQLite database file of the job store: telling a damaged file from other failures, and setting it aside. */
final class SqliteFiles {

    /** SQLite's primary result codes for a damaged file: SQLITE_CORRUPT and SQLITE_NOTADB. */
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    /** The files SQLite keeps beside the database in WAL mode; they belong to it and move with it. */
    private static final List<String> COMPANIONS = List.of("-wal", "-shm", "-journal");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private SqliteFiles() {
    }

    /**
     * The damage SQLite reported somewhere in {@code failure}'s causes, as a store exception naming the file; empty
     * for any other failure (a locked file, a missing permission), which must not cost the user the database.
     */
    static Optional<CorruptStoreException> corruption(Path file, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && isDamage(sql.getErrorCode())) {
                return Optional.of(new CorruptStoreException(file, sql.getMessage(), failure));
            }
        }
        return Optional.empty();
    }

    private static boolean isDamage(int errorCode) {
        int primary = errorCode & 0xff;
        return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
    }

    /** SQLite's own quick integrity check of every page; empty when the file is sound. */
    static Optional<String> damage(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA quick_check")) {
            String first = rows.next() ? rows.getString(1) : "ok";
            return "ok".equalsIgnoreCase(first) ? Optional.empty() : Optional.of(first);
        }
    }

    /**
     * Renames the database and its companion files to {@code <name>-damaged-<UTC time>.db} (and {@code -wal},
     * {@code -shm}), so the user keeps them for inspection and SQLite no longer finds them.
     *
     * @return the new names of the files that were moved, the database first
     */
    static List<Path> setAside(Path file, Instant at) throws IOException {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".db") ? name.substring(0, name.length() - 3) : name;
        for (int n = 1; ; n++) {
            String keptName = stem + "-damaged-" + STAMP.format(at) + (n == 1 ? "" : "_" + n) + ".db";
            Path kept = file.resolveSibling(keptName);
            if (Files.exists(kept) || COMPANIONS.stream().anyMatch(c -> Files.exists(kept.resolveSibling(keptName + c)))) {
                continue;
            }
            List<Path> moved = new ArrayList<>();
            try {
                Files.move(file, kept, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) {
                continue;
            }
            moved.add(kept);
            for (String companion : COMPANIONS) {
                Path source = file.resolveSibling(name + companion);
                if (Files.exists(source)) {
                    moved.add(Files.move(source, kept.resolveSibling(keptName + companion), StandardCopyOption.ATOMIC_MOVE));
                }
            }
            return moved;
        }
    }

    /** Looks at the database file without creating or changing any file. */
    static StoreInspection inspect(Path file) {
        String where = file.toString();
        if (!Files.exists(file)) {
            return new StoreInspection(StoreInspection.Condition.ABSENT, where, "");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file) || !Files.isWritable(file)) {
            return new StoreInspection(StoreInspection.Condition.UNREACHABLE, where,
                "it is not a file this user can read and write; fix its owner or permissions");
        }
        try {
            if (Files.size(file) > 0 && !startsWithHeader(file)) {
                return new StoreInspection(StoreInspection.Condition.CORRUPT, where, "it does not start as an SQLite database does");
            }
            try (Connection connection = readOnly(file).getConnection()) {
                Optional<String> damage = damage(connection);
                return damage.map(d -> new StoreInspection(StoreInspection.Condition.CORRUPT, where, d))
                    .orElseGet(() -> new StoreInspection(StoreInspection.Condition.READY, where, ""));
            }
        } catch (SQLException e) {
            return isDamage(e.getErrorCode())
                ? new StoreInspection(StoreInspection.Condition.CORRUPT, where, e.getMessage())
                : new StoreInspection(StoreInspection.Condition.UNREACHABLE, where, e.getMessage());
        } catch (IOException e) {
            return new StoreInspection(StoreInspection.Condition.UNREACHABLE, where, e.toString());
        }
    }

    private static boolean startsWithHeader(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(HEADER.length), HEADER);
        }
    }

    /**
     * A read-only connection that leaves the folder as it is: without a write-ahead log beside the file, SQLite would
     * create one (and its shared-memory file) even to read, so the file is then opened as immutable; with a log (a
     * running or crashed service), it is read through the log like any reader does.
     */
    private static SQLiteDataSource readOnly(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        boolean hasLog = Files.exists(file.resolveSibling(file.getFileName() + "-wal"));
        dataSource.setUrl(hasLog ? "jdbc:sqlite:" + file : "jdbc:sqlite:file:" + file.toUri().getRawPath() + "?immutable=1");
        return dataSource;
    }
}
