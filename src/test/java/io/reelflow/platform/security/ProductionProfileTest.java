package io.reelflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelflow.platform.ProductionSafety;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/** The prod profile: refuses weak set-ups, and its cookies are Secure, HttpOnly and SameSite. */
class ProductionProfileTest {

    private static final String DB = "jdbc:postgresql://db:5432/reelflow";

    @ParameterizedTest(name = "admin password ''{0}'', demo {1}, datasource ''{2}'' → {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"                  | false | " + DB + " | REELFLOW_ADMIN_PASSWORD is empty",
            "\"   \"               | false | " + DB + " | REELFLOW_ADMIN_PASSWORD is empty",
            "reelflow              | false | " + DB + " | default or shorter than 12",
            "Camunda               | false | " + DB + " | default or shorter than 12",
            "short-pw1             | false | " + DB + " | default or shorter than 12",
            "a-long-enough-secret  | true  | " + DB + " | demo users must not exist",
            "a-long-enough-secret  | false | \"\"    | SPRING_DATASOURCE_URL"})
    void refusesToStart(String password, boolean demo, String datasource, String reason) {
        assertThatThrownBy(() -> new ProductionSafety(password, demo, datasource))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(reason);
    }

    @Test
    void startsWithAStrongPasswordAndAnExternalDatabase() {
        assertThatCode(() -> new ProductionSafety("a-long-enough-secret", false, DB)).doesNotThrowAnyException();
    }

    @Test
    void cookiesAreSecureHttpOnlyAndSameSiteAndTheWebappCsrfCookieIsSecure() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application-prod.yaml"));
        Properties prod = yaml.getObject();
        assertThat(prod).containsEntry("server.servlet.session.cookie.secure", true)
                .containsEntry("server.servlet.session.cookie.http-only", true)
                .containsEntry("server.servlet.session.cookie.same-site", "lax")
                .containsEntry("camunda.bpm.webapp.csrf.enable-secure-cookie", true)
                .containsEntry("camunda.bpm.webapp.csrf.enable-same-site-cookie", true)
                .containsEntry("camunda.bpm.webapp.session-cookie.enable-secure-cookie", true)
                .containsEntry("camunda.bpm.webapp.session-cookie.enable-same-site-cookie", true)
                .containsEntry("reelflow.demo.enabled", false);
        assertThat(prod.getProperty("camunda.bpm.admin-user.password")).isEqualTo("${REELFLOW_ADMIN_PASSWORD}");
    }
}
