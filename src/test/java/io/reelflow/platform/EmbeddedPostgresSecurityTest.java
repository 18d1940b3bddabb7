package io.reelflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelflow.platform.EmbeddedPostgresConfiguration.Credentials;
import io.reelflow.platform.EmbeddedPostgresConfiguration.Started;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL lets nobody in without a password, and the service is not its superuser. */
class EmbeddedPostgresSecurityTest {

    @TempDir
    Path tmp;

    private static Connection connect(int port, String database, String user, String password) throws SQLException {
        String url = "jdbc:postgresql://localhost:" + port + "/" + database + "?user=" + user + (password == null ? "" : "&password=" + password);
        return DriverManager.getConnection(url);
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void assertPasswordsRequired(int port, Path dir, Credentials credentials) throws Exception {
        Path file = Credentials.fileOf(dir);
        assertThat(file).exists().hasParent(dir.getParent());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains(credentials.superuser()).contains(credentials.app());
        String hba = Files.readString(dir.resolve("pg_hba.conf"));
        assertThat(hba.lines().map(String::strip).filter(l -> !l.startsWith("#") && !l.isEmpty()))
                .isNotEmpty().allSatisfy(l -> assertThat(l).endsWith("scram-sha-256"));

        assertThatThrownBy(() -> connect(port, "postgres", "postgres", null).close()).as("superuser without a password")
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> connect(port, "reelflow", "reelflow", null).close()).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> connect(port, "postgres", "postgres", "postgres").close()).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> connect(port, "reelflow", "reelflow", credentials.superuser()).close()).isInstanceOf(SQLException.class);

        try (Connection app = connect(port, "reelflow", "reelflow", credentials.app())) {
            assertThat(one(app, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).isEqualTo("f");
            assertThat(one(app, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()")).isEqualTo("reelflow");
            assertThat(one(app, "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public'")).isEqualTo("reelflow");
            try (Statement st = app.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS owned_by_the_service (id bigserial PRIMARY KEY)");
                st.execute("CREATE TEMP TABLE out (line text)");
                assertThatThrownBy(() -> st.execute("COPY out FROM PROGRAM 'id'")).as("no shell for the service's role")
                        .hasMessageContaining("permission denied");
                assertThatThrownBy(() -> st.executeQuery("SELECT passwd FROM pg_shadow")).hasMessageContaining("permission denied");
            }
        }
        try (Connection su = connect(port, "postgres", "postgres", credentials.superuser())) {
            assertThat(one(su, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).isEqualTo("t");
        }
    }

    @Test
    void aNewDataDirectoryRequiresPasswordsFromTheStartAndKeepsThemBesideIt() throws Exception {
        Path dir = tmp.resolve("pgdata");
        EmbeddedPostgresProperties props = new EmbeddedPostgresProperties(dir.toString(), 0, false, "reelflow", null);
        Started first = EmbeddedPostgresConfiguration.start(props);
        try {
            assertPasswordsRequired(first.postgres().getPort(), dir, first.credentials());
        } finally {
            first.postgres().close();
        }
        Started again = EmbeddedPostgresConfiguration.start(props);
        try {
            assertThat(again.credentials()).as("the same passwords on the next start").isEqualTo(first.credentials());
            assertPasswordsRequired(again.postgres().getPort(), dir, again.credentials());
        } finally {
            again.postgres().close();
        }

        Files.delete(Credentials.fileOf(dir));
        assertThatThrownBy(() -> EmbeddedPostgresConfiguration.start(props).postgres().close())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is missing").hasMessageContaining("Restore that file");
    }

    @Test
    void aDataDirectoryFromBeforePasswordsIsUpgradedOnStart() throws Exception {
        Path dir = tmp.resolve("old-pgdata");
        Files.createDirectories(dir);
        // what earlier versions left: trust for everyone on 127.0.0.1, the service's tables owned by the superuser
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dir.toFile()).setCleanDataDirectory(false).start();
             Connection c = old.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE reelflow");
            try (Connection r = old.getDatabase("postgres", "reelflow").getConnection(); Statement rs = r.createStatement()) {
                rs.execute("CREATE TABLE deal (id bigserial PRIMARY KEY, crm_deal_id text NOT NULL)");
                rs.execute("CREATE SEQUENCE loose_sequence");
                rs.execute("INSERT INTO deal (crm_deal_id) VALUES ('KEPT-1')");
            }
        }
        assertThat(Files.readString(dir.resolve("pg_hba.conf"))).contains("trust");
        assertThat(Credentials.fileOf(dir)).doesNotExist();

        Started upgraded = EmbeddedPostgresConfiguration.start(new EmbeddedPostgresProperties(dir.toString(), 0, false, "reelflow", null));
        try {
            int port = upgraded.postgres().getPort();
            assertPasswordsRequired(port, dir, upgraded.credentials());
            try (Connection app = connect(port, "reelflow", "reelflow", upgraded.credentials().app())) {
                assertThat(one(app, "SELECT crm_deal_id FROM deal")).as("the data is kept").isEqualTo("KEPT-1");
                assertThat(one(app, "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'deal'")).isEqualTo("reelflow");
                assertThat(one(app, "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'deal_id_seq'")).isEqualTo("reelflow");
                assertThat(one(app, "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'loose_sequence'")).isEqualTo("reelflow");
                try (Statement st = app.createStatement()) {
                    st.execute("INSERT INTO deal (crm_deal_id) VALUES ('NEW-1')");
                    st.execute("ALTER TABLE deal ADD COLUMN note text");
                }
            }
        } finally {
            upgraded.postgres().close();
        }
    }

    @Test
    void aThrowAwayClusterRequiresPasswordsToo() throws IOException, SQLException {
        Started s = EmbeddedPostgresConfiguration.start(new EmbeddedPostgresProperties(null, 0, true, "reelflow", null));
        try {
            int port = s.postgres().getPort();
            assertThatThrownBy(() -> connect(port, "postgres", "postgres", null).close()).isInstanceOf(SQLException.class);
            try (Connection app = connect(port, "reelflow", "reelflow", s.credentials().app())) {
                assertThat(one(app, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).isEqualTo("f");
            }
        } finally {
            s.postgres().close();
        }
    }
}
