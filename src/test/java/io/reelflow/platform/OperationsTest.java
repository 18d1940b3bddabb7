package io.reelflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelflow.support.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Health without login, readiness with the engine, and the production profile's refusals. */
class OperationsTest extends ApiTestSupport {

    @Test
    void healthAndReadinessAnswerWithoutLoginAndReadinessIncludesTheEngine() {
        Response health = get(null, "/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        Response readiness = get(null, "/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().at("/components/processEngine/status").asText()).isEqualTo("UP");
        assertThat(readiness.json().at("/components/db/status").asText()).isEqualTo("UP");
    }

    @Test
    void prometheusMetricsAreExposedToManagersOnly() {
        assertThat(get(null, "/actuator/prometheus").status()).isEqualTo(401);
        Response metrics = get("mark", "/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''                   | false | jdbc:postgresql://db/reelflow | empty
            admin                | false | jdbc:postgresql://db/reelflow | default
            short                | false | jdbc:postgresql://db/reelflow | shorter than 12
            a-long-real-secret-1 | true  | jdbc:postgresql://db/reelflow | demo users
            a-long-real-secret-1 | false | ''                            | SPRING_DATASOURCE_URL
            """)
    void theProductionProfileRefusesToStartUnsafely(String password, boolean demo, String url, String reason) {
        assertThatThrownBy(() -> new ProductionSafety(password, demo, url)).isInstanceOf(IllegalStateException.class).hasMessageContaining(reason);
    }

    @Test
    void theProductionProfileStartsWithAStrongPasswordAndAnExternalDatabase() {
        assertThatCode(() -> new ProductionSafety("a-long-real-secret-1", false, "jdbc:postgresql://db/reelflow")).doesNotThrowAnyException();
    }
}
