package io.guichet.platform.db;

import io.guichet.testing.TestDatabases;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each module numbers its migrations in its own range, so a module's migration merged today can carry a lower number
 * than another module's applied last week. An installation that ran that earlier build must still start, and get it.
 */
class MigrationOrderTest {
    @Test
    void aMigrationNumberedBelowTheLastAppliedOneIsAppliedWhenTheServerStarts() {
        var db = TestDatabases.fresh();
        try (Database database = db.connect(2)) {
            // as a build before V089 left it: V100 and later applied, V089 not yet
            database.jdbi().useHandle(h -> {
                h.execute("ALTER TABLE conversations DROP COLUMN first_reply_at");
                h.execute("DELETE FROM flyway_schema_history WHERE version = '089'");
            });
            database.migrate();
            int columns = database.jdbi().withHandle(h -> h.createQuery("""
                    SELECT count(*) FROM information_schema.columns WHERE table_name = 'conversations' AND column_name = 'first_reply_at'""")
                    .mapTo(Integer.class).one());
            assertThat(columns).as("V089 applied after V102").isEqualTo(1);
            boolean recorded = database.jdbi().withHandle(h -> h.createQuery("SELECT success FROM flyway_schema_history WHERE version = '089'")
                    .mapTo(Boolean.class).one());
            assertThat(recorded).isTrue();
        }
    }
}
