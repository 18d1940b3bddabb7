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
        EmbeddedPostgres pg = start(props);
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
        ds.setJdbcUrl(pg.getJdbcUrl("postgres", props.database()));
        ds.setUsername("postgres");
        ds.setPassword("");
        ds.setPoolName("reelflow");
        return ds;
    }

    private static EmbeddedPostgres start(EmbeddedPostgresProperties props) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                // Spring stops the server after the engine has closed; a JVM hook of its own would race that
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "256MB");
        if (props.ephemeral()) {
            // zonky's test defaults (fsync and synchronous_commit off) are fine for a throw-away cluster
            builder.setCleanDataDirectory(true);
            if (props.port() > 0) builder.setPort(props.port());
        } else {
            Path dir = Path.of(props.dataDirectory()).toAbsolutePath();
            Files.createDirectories(dir);
            stopOrphanedServer(dir);
            builder.setDataDirectory(dir.toFile())
                    .setCleanDataDirectory(false)
                    // acknowledged commits must survive a crash of the machine, not only of the JVM
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
            if (props.port() > 0) builder.setPort(props.port());
        }
        EmbeddedPostgres pg = builder.start();
        createDatabaseIfMissing(pg, props.database());
        log.info("Embedded PostgreSQL on port {} (data: {}, database: {})", pg.getPort(),
                props.ephemeral() ? "temporary" : props.dataDirectory(), props.database());
        return pg;
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres pg, String database) throws IOException {
        if (!database.matches("[a-z_][a-z0-9_]*")) throw new IllegalArgumentException("bad database name " + database);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (rs.next()) return;
            }
            st.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IOException("could not create database " + database, e);
        }
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
