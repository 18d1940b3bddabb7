package io.reelflow.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The PostgreSQL that Reelflow starts itself when no {@code spring.datasource.url} is set.
 *
 * @param dataDirectory where the cluster lives; kept between runs unless {@code ephemeral}
 * @param port          fixed port for the default run (0 = any free port)
 * @param ephemeral     tests: a fresh cluster in a temporary folder, durability settings off
 * @param database      database created inside the cluster for Reelflow
 */
@ConfigurationProperties("reelflow.embedded-postgres")
public record EmbeddedPostgresProperties(String dataDirectory, int port, boolean ephemeral, String database) {

    public EmbeddedPostgresProperties {
        if (dataDirectory == null || dataDirectory.isBlank()) dataDirectory = ".reelflow/pgdata";
        if (database == null || database.isBlank()) database = "reelflow";
    }
}
