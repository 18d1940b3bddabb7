package io.reelflow.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Starts a real PostgreSQL 17 (zonky binaries, nothing to install) when no external datasource is
 * configured. The default run keeps its data in {@code .reelflow/pgdata} with full durability;
 * tests use a throw-away cluster.
 *
 * <p>Every connection needs a password: the cluster is created with {@code scram-sha-256} in {@code pg_hba.conf}
 * and a random superuser password; the service connects as the role {@code reelflow}, which owns its database and
 * schema but is not a superuser. Both passwords are created with the data directory and kept beside it, readable
 * only by their owner ({@code .reelflow/pgdata.credentials}, mode 0600). A data directory from before (trust for
 * everyone on 127.0.0.1) is upgraded on its first start: passwords set, objects handed to {@code reelflow},
 * {@code pg_hba.conf} rewritten and reloaded.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoExternalDatasource.class)
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    /**
     * The pool owns the server: both close together, after everything that uses the DataSource
     * (the engine writes on shutdown), so PostgreSQL never stops under a live pool.
     */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgresProperties props) throws IOException {
        Started started = start(props);
        EmbeddedPostgres pg = started.postgres();
        Credentials credentials = started.credentials();
        HikariDataSource ds = new HikariDataSource() {
            @Override
            public void close() {
                super.close();
                try {
                    pg.close();
                } catch (IOException e) {
                    log.warn("Embedded PostgreSQL did not stop cleanly", e);
                }
            }
        };
        ds.setJdbcUrl("jdbc:postgresql://localhost:" + pg.getPort() + "/" + props.database());
        ds.setUsername(APP_ROLE);
        ds.setPassword(credentials.app());
        ds.setPoolName("reelflow");
        return ds;
    }

    /** The role the service connects as: owns the database and its schema, is not a superuser. */
    public static final String APP_ROLE = "reelflow";
    private static final String SCRAM = "scram-sha-256";
    private static final String HBA = """
            # Written by Reelflow: every connection needs a password (scram-sha-256); the superuser's and the
            # service's passwords are in the .credentials file beside this data directory (mode 0600).
            local   all   all                   scram-sha-256
            host    all   all   127.0.0.1/32    scram-sha-256
            host    all   all   ::1/128         scram-sha-256
            """;

    /** The cluster's passwords: its superuser's ({@code postgres}) and the service role's ({@link #APP_ROLE}). */
    public record Credentials(String superuser, String app) {
        static Credentials random() {
            return new Credentials(secret(), secret());
        }

        private static String secret() {
            byte[] b = new byte[24];
            RANDOM.nextBytes(b);
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        }

        /** The file beside a data directory that holds its passwords. */
        public static Path fileOf(Path dataDir) {
            Path abs = dataDir.toAbsolutePath();
            return abs.resolveSibling(abs.getFileName() + ".credentials");
        }

        public static Credentials read(Path dataDir) throws IOException {
            Properties p = new Properties();
            try (var in = Files.newInputStream(fileOf(dataDir))) {
                p.load(in);
            }
            String su = p.getProperty("superuser.password");
            String app = p.getProperty(APP_ROLE + ".password");
            if (su == null || app == null) throw new IOException(fileOf(dataDir) + " lacks superuser.password or " + APP_ROLE + ".password");
            return new Credentials(su, app);
        }

        void write(Path dataDir) throws IOException {
            Path file = fileOf(dataDir);
            String text = "# passwords of the embedded PostgreSQL in " + dataDir.toAbsolutePath().getFileName()
                    + " (superuser postgres; the service's role " + APP_ROLE + ")\n"
                    + "superuser.password=" + superuser + "\n" + APP_ROLE + ".password=" + app + "\n";
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            ownerOnly(Files.createFile(tmp, ownerOnlyAttribute()));
            Files.writeString(tmp, text);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** A started cluster and its passwords. */
    public record Started(EmbeddedPostgres postgres, Credentials credentials) {
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** Starts (and secures) the cluster {@code props} describe; the caller closes it. */
    public static Started start(EmbeddedPostgresProperties props) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                // Spring stops the server after the engine has closed; a JVM hook of its own would race that
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "256MB");
        props.serverConfig().forEach(builder::setServerConfig);
        Credentials credentials;
        boolean fresh;
        boolean legacy = false;
        Path dir = null;
        if (props.ephemeral()) {
            // zonky's test defaults (fsync and synchronous_commit off) are fine for a throw-away cluster
            builder.setCleanDataDirectory(true);
            if (props.port() > 0) builder.setPort(props.port());
            credentials = Credentials.random();
            fresh = true;
        } else {
            dir = Path.of(props.dataDirectory()).toAbsolutePath();
            Files.createDirectories(dir);
            stopOrphanedServer(dir);
            fresh = !Files.exists(dir.resolve("postgresql.conf")); // zonky runs initdb exactly then
            Path file = Credentials.fileOf(dir);
            legacy = !fresh && trusts(dir); // a cluster from before passwords (trust on 127.0.0.1): upgraded below
            if (Files.exists(file)) {
                ownerOnly(file);
                credentials = Credentials.read(dir);
            } else if (fresh || legacy) {
                credentials = Credentials.random();
                credentials.write(dir);
            } else {
                throw new IllegalStateException("The embedded PostgreSQL in " + dir + " requires passwords, but " + file + " is missing. "
                        + "Restore that file, or move the data directory away to start with a new, empty database.");
            }
            builder.setDataDirectory(dir.toFile())
                    .setCleanDataDirectory(false)
                    // acknowledged commits must survive a crash of the machine, not only of the JVM
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
            if (props.port() > 0) builder.setPort(props.port());
        }
        Path pwfile = null;
        if (fresh) {
            // initdb sets the superuser's password and writes scram-sha-256 into pg_hba.conf: no moment without a password
            pwfile = Files.createTempFile(ownerOnlyDirectory(), "pw", ".txt", ownerOnlyAttribute());
            Files.writeString(pwfile, credentials.superuser() + "\n");
            builder.setLocaleConfig("auth", SCRAM).setLocaleConfig("pwfile", pwfile.toString());
        }
        builder.setConnectConfig("password", credentials.superuser());
        EmbeddedPostgres pg;
        try {
            pg = builder.start();
        } finally {
            if (pwfile != null) Files.deleteIfExists(pwfile);
        }
        try {
            secure(pg, credentials, props.database(), legacy);
            if (props.statementStatistics()) statementStatistics(pg, props.database());
        } catch (IOException | RuntimeException e) {
            pg.close();
            throw e;
        }
        if (legacy) {
            Path hba = dir.resolve("pg_hba.conf");
            Files.writeString(hba, HBA);
            reload(pg);
            log.warn("Embedded PostgreSQL in {} upgraded: it now requires passwords (scram-sha-256), kept in {} (mode 0600); "
                    + "the service connects as {}, not as a superuser", dir, Credentials.fileOf(dir), APP_ROLE);
        }
        log.info("Embedded PostgreSQL on port {} (data: {}, database: {}, role: {})", pg.getPort(),
                props.ephemeral() ? "temporary" : props.dataDirectory(), props.database(), APP_ROLE);
        return new Started(pg, credentials);
    }

    /**
     * As superuser: the superuser's password (a cluster from before had none), the service's role with its password,
     * its database, and everything in that database's public schema handed to it.
     */
    private static void secure(EmbeddedPostgres pg, Credentials credentials, String database, boolean legacy) throws IOException {
        if (!database.matches("[a-z_][a-z0-9_]*")) throw new IllegalArgumentException("bad database name " + database);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            if (legacy) st.execute("ALTER ROLE postgres PASSWORD '" + credentials.superuser() + "'");
            boolean role;
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + APP_ROLE + "'")) {
                role = rs.next();
            }
            st.execute((role ? "ALTER" : "CREATE") + " ROLE " + APP_ROLE + " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
                    + " PASSWORD '" + credentials.app() + "'");
            boolean exists;
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                exists = rs.next();
            }
            st.execute(exists ? "ALTER DATABASE " + database + " OWNER TO " + APP_ROLE : "CREATE DATABASE " + database + " OWNER " + APP_ROLE);
            st.execute("REVOKE CONNECT, TEMPORARY ON DATABASE " + database + " FROM PUBLIC");
        } catch (SQLException e) {
            throw new IOException("could not set up the role " + APP_ROLE + " and database " + database + ": " + e.getMessage(), e);
        }
        try (Connection c = pg.getDatabase("postgres", database).getConnection(); Statement st = c.createStatement()) {
            st.execute("ALTER SCHEMA public OWNER TO " + APP_ROLE);
            // tables, views and their own sequences (those of serial columns follow their table); then sequences of their own
            st.execute("""
                    DO $$
                    DECLARE r record;
                    BEGIN
                      FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                               WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                                 AND pg_get_userbyid(c.relowner) <> '%1$s' LOOP
                        EXECUTE format('ALTER TABLE public.%%I OWNER TO %1$s', r.relname);
                      END LOOP;
                      FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                               WHERE n.nspname = 'public' AND c.relkind = 'S' AND pg_get_userbyid(c.relowner) <> '%1$s'
                                 AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')) LOOP
                        EXECUTE format('ALTER SEQUENCE public.%%I OWNER TO %1$s', r.relname);
                      END LOOP;
                    END $$""".formatted(APP_ROLE));
        } catch (SQLException e) {
            throw new IOException("could not hand the schema of " + database + " to " + APP_ROLE + ": " + e.getMessage(), e);
        }
    }

    /** pg_stat_statements in the service's database, its statistics readable by the service's role (benchmarks). */
    private static void statementStatistics(EmbeddedPostgres pg, String database) throws IOException {
        try (Connection c = pg.getDatabase("postgres", database).getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            st.execute("GRANT pg_read_all_stats TO " + APP_ROLE);
        } catch (SQLException e) {
            throw new IOException("could not create pg_stat_statements in " + database + ": " + e.getMessage(), e);
        }
    }

    private static void reload(EmbeddedPostgres pg) throws IOException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("could not reload pg_hba.conf: " + e.getMessage(), e);
        }
    }

    /** Whether a data directory lets anyone in without a password (as every cluster did before passwords). */
    private static boolean trusts(Path dir) throws IOException {
        Path hba = dir.resolve("pg_hba.conf");
        if (!Files.exists(hba)) return false;
        return Files.readAllLines(hba).stream().map(String::strip).filter(l -> !l.startsWith("#") && !l.isEmpty())
                .anyMatch(l -> l.endsWith(" trust") || l.endsWith("\ttrust"));
    }

    private static java.nio.file.attribute.FileAttribute<?>[] ownerOnlyAttribute() {
        if (!java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new java.nio.file.attribute.FileAttribute<?>[0];
        }
        return new java.nio.file.attribute.FileAttribute<?>[] {
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))};
    }

    /** Makes a file readable and writable by its owner only (0600), where the file system knows permissions. */
    private static Path ownerOnly(Path file) throws IOException {
        if (java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            var wanted = java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
            if (!Files.getPosixFilePermissions(file).equals(wanted)) Files.setPosixFilePermissions(file, wanted);
        }
        return file;
    }

    private static Path ownerOnlyDirectory() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        return Files.isWritable(tmp) ? tmp : Path.of(".");
    }

    /**
     * After a kill -9 of the JVM the PostgreSQL child process lives on and holds the data directory;
     * stop it cleanly so this run can take over (PostgreSQL recovers from its WAL if needed).
     */
    private static void stopOrphanedServer(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) return;
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) return;
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(p -> {
            log.warn("Stopping PostgreSQL left running by a previous run (pid {})", pid);
            p.destroy(); // SIGTERM = PostgreSQL's smart shutdown
            try {
                p.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        });
    }

    static class NoExternalDatasource implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url == null || url.isBlank();
        }
    }
}
