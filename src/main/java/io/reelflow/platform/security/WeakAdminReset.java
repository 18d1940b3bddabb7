package io.reelflow.platform.security;

import io.reelflow.platform.ProductionSafety;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code REELFLOW_RESET_ADMIN_PASSWORD=true} in prod, for one start, after {@link ProductionSafety} refused a stored
 * admin with a well-known password: the admin user ({@code REELFLOW_ADMIN_USER}) gets the strong
 * {@code REELFLOW_ADMIN_PASSWORD} (already checked by {@link ProductionSafety}) and is unlocked; every other admin with a
 * well-known password is locked until an admin sets a new password and unlocks it.
 */
@Component
@Profile("prod")
@Order(0)
@ConditionalOnProperty(name = "reelflow.security.reset-admin-password", havingValue = "true")
public class WeakAdminReset implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(WeakAdminReset.class);

    private final IdentityService identity;
    private final AccountLocks locks;
    private final DataSource dataSource;
    private final String adminId;
    private final String adminPassword;
    private final String demoPassword;

    public WeakAdminReset(IdentityService identity, AccountLocks locks, DataSource dataSource,
                          @Value("${camunda.bpm.admin-user.id}") String adminId,
                          @Value("${camunda.bpm.admin-user.password}") String adminPassword,
                          @Value("${reelflow.demo.password:}") String demoPassword) {
        this.identity = identity;
        this.locks = locks;
        this.dataSource = dataSource;
        this.adminId = adminId;
        this.adminPassword = adminPassword;
        this.demoPassword = demoPassword;
    }

    @Override
    public void run(ApplicationArguments args) throws SQLException {
        User admin = identity.createUserQuery().userId(adminId).singleResult();
        if (admin != null) {
            admin.setPassword(adminPassword);
            identity.saveUser(admin);
            identity.unlockUser(adminId);
            log.warn("Password of admin user {} reset to REELFLOW_ADMIN_PASSWORD; start without REELFLOW_RESET_ADMIN_PASSWORD from now on", adminId);
        }
        List<String> weak;
        try (Connection c = dataSource.getConnection()) {
            weak = ProductionSafety.weakAdmins(c, ProductionSafety.weakPasswords(demoPassword));
        }
        for (String id : weak) {
            locks.lock(id);
            log.warn("Admin user {} has a well-known password and is now locked: set a new password and unlock it in Camunda Admin", id);
        }
    }
}
