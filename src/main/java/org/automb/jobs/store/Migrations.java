package org.automb.jobs.store;

import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** Brings the schema up to date with the versioned Flyway migrations under {@code db/migration}. */
final class Migrations {

    static final String LOCATION = "classpath:db/migration";

    private final Dialect dialect;

    Migrations(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Applies the migrations not yet applied; a database already up to date is left as it is. */
    void apply(String jdbcUrl) {
        try {
            dialect.connectFlyway(Flyway.configure(Migrations.class.getClassLoader()), jdbcUrl)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .placeholders(Map.of("identity_column", dialect.identityColumn()))
                .load()
                .migrate();
        } catch (FlywayException e) {
            String where = Dialect.withoutParameters(jdbcUrl);
            throw new JobStoreException("cannot migrate the job database at " + where, e);
        }
    }
}
