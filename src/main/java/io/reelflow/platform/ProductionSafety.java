package io.reelflow.platform;

import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** The production profile refuses to start with no admin password or a well-known one, and without an external database. */
@Component
@Profile("prod")
public class ProductionSafety {

    private static final Set<String> WELL_KNOWN = Set.of("admin", "reelflow", "password", "demo", "camunda", "changeme", "secret");

    public ProductionSafety(@Value("${camunda.bpm.admin-user.password:}") String adminPassword,
                            @Value("${reelflow.demo.enabled:false}") boolean demo,
                            @Value("${spring.datasource.url:}") String datasourceUrl) {
        if (adminPassword == null || adminPassword.isBlank()) {
            throw new IllegalStateException("prod profile: REELFLOW_ADMIN_PASSWORD is empty; set a strong admin password");
        }
        if (WELL_KNOWN.contains(adminPassword.toLowerCase()) || adminPassword.length() < 12) {
            throw new IllegalStateException("prod profile: the admin password is a default or shorter than 12 characters");
        }
        if (demo) throw new IllegalStateException("prod profile: demo users must not exist (reelflow.demo.enabled=true)");
        if (datasourceUrl == null || datasourceUrl.isBlank()) {
            throw new IllegalStateException("prod profile: set SPRING_DATASOURCE_URL; the embedded PostgreSQL is for the default run only");
        }
    }
}
