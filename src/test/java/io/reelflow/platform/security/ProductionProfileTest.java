package io.reelflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelflow.ReelflowApplication;
import io.reelflow.platform.ProductionSafety;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * The prod profile: refuses weak set-ups before anything is written (also a weak admin already stored in the database),
 * sends HSTS, and its cookies are Secure, HttpOnly and SameSite. The refused starts are real starts of the application
 * with the prod profile against a PostgreSQL of their own: what {@code docker compose up} does with a weak password.
 */
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

    /** A PostgreSQL of its own, as docker-compose's: the refused starts below must leave it as they found it. */
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) postgres.close();
    }

    private static String[] prodStart(String database, String adminPassword) {
        return new String[] {"--spring.profiles.active=prod", "--server.port=0", "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", database),
                "--spring.datasource.username=postgres", "--spring.datasource.password=", "--camunda.bpm.admin-user.password=" + adminPassword,
                "--camunda.bpm.job-execution.enabled=false"};
    }

    private static int tables() throws SQLException {
        return tables("postgres");
    }

    private static int tables(String database) throws SQLException {
        try (Connection c = postgres.getDatabase("postgres", database).getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aStartWithAWeakAdminPasswordIsRefusedBeforeAnythingIsWritten() throws SQLException {
        // what `REELFLOW_ADMIN_PASSWORD=admin docker compose up` does: the prod profile against an empty PostgreSQL
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE fresh");
        }
        assertThatThrownBy(() -> SpringApplication.run(ReelflowApplication.class, prodStart("fresh", "admin")))
                .hasStackTraceContaining("the admin password is a default or shorter than 12 characters");
        assertThat(tables("fresh")).as("no engine, Flyway or user table was created").isZero();
    }

    @Test
    void aStartWithoutAnAdminPasswordIsRefusedSayingWhichVariableToSet() {
        assertThatThrownBy(() -> SpringApplication.run(ReelflowApplication.class, "--spring.profiles.active=prod", "--server.port=0",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"), "--spring.datasource.username=postgres"))
                .hasStackTraceContaining("REELFLOW_ADMIN_PASSWORD is empty");
    }

    @Test
    void aStoredAdminWithAWellKnownPasswordRefusesTheStartAndSaysHowToResetIt() throws SQLException {
        // an earlier start (or a hand) left admin/admin in the database; this start has a strong password in the environment
        ProcessEngineConfigurationImpl standalone = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
                .setProcessEngineName("weak-admin-check")
                .setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres")).setJdbcUsername("postgres").setJdbcPassword("")
                .setJdbcDriver("org.postgresql.Driver")
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setJobExecutorActivate(false);
        standalone.setDbMetricsReporterActivate(false).setHistory("none");
        new NoPasswordLockoutPlugin().preInit(standalone); // as the service's engine: wrong passwords lock nobody
        ProcessEngine engine = standalone.buildProcessEngine();
        try {
            IdentityService identity = engine.getIdentityService();
            User admin = identity.newUser("admin");
            admin.setPassword("admin");
            identity.saveUser(admin);
            identity.saveGroup(identity.newGroup("camunda-admin"));
            identity.createMembership("admin", "camunda-admin");
            User ops = identity.newUser("ops");
            ops.setPassword("Camunda");
            identity.saveUser(ops);
            identity.saveGroup(identity.newGroup("admins"));
            identity.createMembership("ops", "admins");
            User rita = identity.newUser("rita");
            rita.setPassword("reelflow"); // not an admin: not this check's business
            identity.saveUser(rita);
            int before = tables();

            assertThatThrownBy(() -> SpringApplication.run(ReelflowApplication.class, prodStart("postgres", "a-long-enough-secret")))
                    .hasStackTraceContaining("[admin, ops] have a well-known password")
                    .hasStackTraceContaining("REELFLOW_RESET_ADMIN_PASSWORD=true");
            assertThat(tables()).as("Flyway did not run").isEqualTo(before);
            assertThat(identity.checkPassword("admin", "admin")).as("nothing changed").isTrue();

            // the reset the message describes: one start with REELFLOW_RESET_ADMIN_PASSWORD=true gets past the check, and once the
            // engine runs WeakAdminReset gives the admin user the strong password and locks the other weak admin
            assertThatCode(() -> check("a-long-enough-secret", true)).doesNotThrowAnyException();
            ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
            AccountLocks locks = new AccountLocks(configuration, identity, new IdentityServiceAuthenticationProvider(identity, Duration.ZERO));
            new WeakAdminReset(identity, locks, configuration.getDataSource(), "admin", "a-long-enough-secret", "reelflow").run(null);
            assertThat(identity.checkPassword("admin", "a-long-enough-secret")).isTrue();
            assertThat(identity.checkPassword("admin", "admin")).isFalse();
            assertThat(locks.isLocked("ops")).as("the other weak admin is locked").isTrue();
            assertThat(identity.checkPassword("ops", "Camunda")).isFalse();
            assertThat(identity.checkPassword("rita", "reelflow")).as("not an admin: untouched").isTrue();
            // the next start, without the flag, passes
            assertThatCode(() -> check("a-long-enough-secret")).doesNotThrowAnyException();
        } finally {
            engine.close();
        }
    }

    /** The production checks alone, as Spring Boot runs them before any bean. */
    private static void check(String adminPassword) {
        check(adminPassword, false);
    }

    private static void check(String adminPassword, boolean reset) {
        StandardEnvironment env = new StandardEnvironment();
        env.setActiveProfiles("prod");
        Map<String, Object> props = new HashMap<>();
        props.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
        props.put("spring.datasource.username", "postgres");
        props.put("camunda.bpm.admin-user.password", adminPassword);
        props.put("reelflow.security.reset-admin-password", reset);
        env.getPropertySources().addFirst(new MapPropertySource("test", props));
        new ProductionSafety().postProcessEnvironment(env, new SpringApplication());
    }

    @Test
    void prodSendsStrictTransportSecurity() throws Exception {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application-prod.yaml"));
        assertThat(yaml.getObject()).containsEntry("reelflow.security.hsts", true);
        // a real prod start with a strong password: every answer over plain HTTP (as behind a TLS-terminating proxy) carries it
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE hsts");
        }
        // an engine of its own name and no webapps: the JVM's engine registry and the webapps' runtime are static, shared with the
        // suite's service (engine "default")
        String[] start = java.util.stream.Stream.concat(java.util.Arrays.stream(prodStart("hsts", "a-long-enough-secret")),
                java.util.stream.Stream.of("--camunda.bpm.process-engine-name=hsts", "--camunda.bpm.webapp.enabled=false")).toArray(String[]::new);
        try (org.springframework.context.ConfigurableApplicationContext app = SpringApplication.run(ReelflowApplication.class, start)) {
            String port = app.getEnvironment().getProperty("local.server.port");
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            for (String path : new String[] {"/actuator/health", "/api/deals/NO-SUCH-DEAL", "/camunda/app/tasklist/default/"}) {
                java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                        .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(r.headers().firstValue("Strict-Transport-Security")).as(path + " answered " + r.statusCode())
                        .hasValue("max-age=31536000 ; includeSubDomains");
            }
        }
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
