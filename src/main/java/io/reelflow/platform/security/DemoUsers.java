package io.reelflow.platform.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** One demo user per role, created at start-up of the default (embedded) run only; the groups exist in every profile. */
@Component
@Order(1)
@ConditionalOnProperty(name = "reelflow.demo.enabled", havingValue = "true")
public class DemoUsers implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    public record DemoUser(String id, String firstName, String lastName, String group) {
    }

    public static final List<DemoUser> USERS = List.of(
            new DemoUser("rita", "Rita", "Rights", Roles.RIGHTS_MANAGERS),
            new DemoUser("dave", "Dave", "Delivery", Roles.DELIVERY_COORDINATORS),
            new DemoUser("fiona", "Fiona", "Finance", Roles.FINANCE),
            new DemoUser("mark", "Mark", "Manager", Roles.MANAGERS),
            new DemoUser("crm", "CRM", "Integration", Roles.CRM_INTEGRATION),
            new DemoUser("admin", "Ada", "Admin", Roles.ADMINS));

    private final IdentityService identity;
    private final GroupAuthorizations groups;
    private final String password;

    public DemoUsers(IdentityService identity, GroupAuthorizations groups, @Value("${reelflow.demo.password}") String password) {
        this.identity = identity;
        this.groups = groups;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        groups.ensureGroups(); // their authorizations: GroupAuthorizations, in every profile
        for (DemoUser u : USERS) {
            if (identity.createUserQuery().userId(u.id()).count() > 0) continue;
            User user = identity.newUser(u.id());
            user.setFirstName(u.firstName());
            user.setLastName(u.lastName());
            user.setEmail(u.id() + "@reelflow.example");
            user.setPassword(password);
            identity.saveUser(user);
            identity.createMembership(u.id(), u.group());
            if (u.group().equals(Roles.ADMINS)) identity.createMembership(u.id(), Groups.CAMUNDA_ADMIN);
            log.info("Demo user {} ({}) created", u.id(), u.group());
        }
    }
}
