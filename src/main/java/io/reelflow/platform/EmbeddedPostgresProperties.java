package io.reelflow.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The PostgreSQL that Reelflow starts itself when no {@code spring.datasource.url} is set.
 *
 * @param dataDirectory where the cluster lives; kept between runs unless {@code ephemeral}
 * @param port          fixed port for the default run (0 = any free port)
 * @param ephemeral     tests: a fresh cluster in a temporary folder, durability settings off
 * @param database      database created inside the cluster for Reelflow
 * @param serverConfig  further server settings ({@code postgresql.conf} names), e.g. for a benchmark
 *                      {@code shared_preload_libraries: pg_stat_statements} (the extension is then created in the
 *                      database, and the service's role may read its statistics)
 */
@ConfigurationProperties("reelflow.embedded-postgres")
public record EmbeddedPostgresProperties(String dataDirectory, int port, boolean ephemeral, String database,
        java.util.Map<String, String> serverConfig) {

    public EmbeddedPostgresProperties {
        if (dataDirectory == null || dataDirectory.isBlank()) dataDirectory = ".reelflow/pgdata";
        if (database == null || database.isBlank()) database = "reelflow";
        serverConfig = serverConfig == null ? java.util.Map.of() : java.util.Map.copyOf(serverConfig);
    }

    /** Whether the cluster loads pg_stat_statements (then its extension exists in the database). */
    public boolean statementStatistics() {
        return serverConfig.getOrDefault("shared_preload_libraries", "").contains("pg_stat_statements");
    }
}
