package io.reelflow.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.camunda.bpm.engine.impl.digest.PasswordManager;
import org.camunda.bpm.engine.impl.digest.Sha512HashDigest;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * The production profile refuses to start with no admin password or a weak one, with demo users, without an external
 * database, or when an admin already stored in that database has a known-weak password (left by an earlier start or
 * set by hand). It runs as an {@link EnvironmentPostProcessor} (META-INF/spring.factories), after the configuration
 * is read and before any bean exists: a refused start has touched the database only to read it, and written nothing.
 */
public class ProductionSafety implements EnvironmentPostProcessor, Ordered {

    /** Passwords anyone would try first; the demo password and the user's own id are added to these. */
    public static final Set<String> WELL_KNOWN = Set.of("admin", "administrator", "reelflow", "password", "demo", "camunda", "changeme",
            "secret", "letmein", "123456", "12345678", "qwerty", "passw0rd", "admin123", "password1", "welcome");
    static final String RESET = "reelflow.security.reset-admin-password";
    private static final int ADMIN_LOCK = Integer.MAX_VALUE;

    /** For Spring's factories loader. */
    public ProductionSafety() {
    }

    /** The settings checks alone (what {@link #postProcessEnvironment} checks before it reads the database). */
    public ProductionSafety(String adminPassword, boolean demo, String datasourceUrl) {
        checkSettings(adminPassword, demo, datasourceUrl);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after Spring Boot has read application*.yaml and the profiles
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.acceptsProfiles(Profiles.of("prod"))) return;
        checkSettings(property(env, "camunda.bpm.admin-user.password"), env.getProperty("reelflow.demo.enabled", Boolean.class, false),
                property(env, "spring.datasource.url"));
        if (env.getProperty(RESET, Boolean.class, false)) return; // WeakAdminReset replaces the password once the engine runs
        Set<String> weak = weakPasswords(env.getProperty("reelflow.demo.password"));
        List<String> found;
        try (Connection c = connect(env)) {
            found = weakAdmins(c, weak);
        } catch (SQLException e) {
            throw new IllegalStateException("prod profile: cannot read the users from " + env.getProperty("spring.datasource.url") + ": " + e.getMessage(), e);
        }
        if (!found.isEmpty()) {
            throw new IllegalStateException("prod profile: the stored admin user(s) " + found + " have a well-known password (such as the demo "
                    + "password, 'admin' or 'camunda'), which anyone can log in with. To reset: start once with REELFLOW_RESET_ADMIN_PASSWORD=true "
                    + "and a strong REELFLOW_ADMIN_PASSWORD; the admin user (REELFLOW_ADMIN_USER) gets that password and every other admin with a "
                    + "well-known password is locked (an admin unlocks it in Camunda Admin after setting a new password). Then start without "
                    + "REELFLOW_RESET_ADMIN_PASSWORD.");
        }
    }

    /** A setting, or "" when it is missing or refers to an environment variable that is not set (REELFLOW_ADMIN_PASSWORD). */
    private static String property(ConfigurableEnvironment env, String name) {
        try {
            return env.getProperty(name, "");
        } catch (IllegalArgumentException unresolved) {
            return "";
        }
    }

    static void checkSettings(String adminPassword, boolean demo, String datasourceUrl) {
        if (adminPassword == null || adminPassword.isBlank()) {
            throw new IllegalStateException("prod profile: REELFLOW_ADMIN_PASSWORD is empty; set a strong admin password");
        }
        if (WELL_KNOWN.contains(adminPassword.toLowerCase(Locale.ROOT)) || adminPassword.length() < 12) {
            throw new IllegalStateException("prod profile: the admin password is a default or shorter than 12 characters");
        }
        if (demo) throw new IllegalStateException("prod profile: demo users must not exist (reelflow.demo.enabled=true)");
        if (datasourceUrl == null || datasourceUrl.isBlank()) {
            throw new IllegalStateException("prod profile: set SPRING_DATASOURCE_URL; the embedded PostgreSQL is for the default run only");
        }
    }

    public static Set<String> weakPasswords(String demoPassword) {
        Set<String> weak = new LinkedHashSet<>(WELL_KNOWN);
        weak.add("reelflow"); // the demo password's default
        if (demoPassword != null && !demoPassword.isEmpty()) weak.add(demoPassword);
        return weak;
    }

    private static Connection connect(ConfigurableEnvironment env) throws SQLException {
        Properties props = new Properties();
        String user = env.getProperty("spring.datasource.username");
        String password = env.getProperty("spring.datasource.password");
        if (user != null) props.setProperty("user", user);
        if (password != null) props.setProperty("password", password);
        props.setProperty("connectTimeout", "30");
        props.setProperty("readOnly", "true");
        Connection c = DriverManager.getConnection(env.getProperty("spring.datasource.url"), props);
        c.setReadOnly(true);
        return c;
    }

    /**
     * The members of {@code camunda-admin} and {@code admins}, not locked, whose stored password is one of {@code weak} (or their own
     * id, in any case), checked as the engine checks a login: salted SHA-512. Nothing is written. An empty database has none.
     */
    public static List<String> weakAdmins(Connection c, Set<String> weak) throws SQLException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement exists = c.prepareStatement("SELECT to_regclass('act_id_user') IS NOT NULL AND to_regclass('act_id_membership') IS NOT NULL");
             ResultSet rs = exists.executeQuery()) {
            if (!rs.next() || !rs.getBoolean(1)) return found;
        }
        PasswordManager passwords = new PasswordManager(new Sha512HashDigest(), List.of());
        try (PreparedStatement admins = c.prepareStatement("""
                SELECT u.id_, u.pwd_, u.salt_, u.attempts_ FROM act_id_user u
                WHERE u.id_ IN (SELECT m.user_id_ FROM act_id_membership m WHERE m.group_id_ IN ('camunda-admin', 'admins'))
                ORDER BY u.id_""");
             ResultSet rs = admins.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString(1);
                String stored = rs.getString(2);
                String salt = rs.getString(3);
                int attempts = rs.getInt(4);
                if (stored == null || attempts >= ADMIN_LOCK) continue;
                Set<String> candidates = new LinkedHashSet<>(weak);
                candidates.add(id);
                for (String candidate : List.copyOf(candidates)) {
                    candidates.add(candidate.toLowerCase(Locale.ROOT));
                    candidates.add(candidate.substring(0, 1).toUpperCase(Locale.ROOT) + candidate.substring(1));
                }
                for (String candidate : candidates) {
                    if (matches(passwords, candidate, salt, stored)) {
                        found.add(id);
                        break;
                    }
                }
            }
        }
        return found;
    }

    private static boolean matches(PasswordManager passwords, String candidate, String salt, String stored) {
        try {
            return passwords.check(EncryptionUtil.saltPassword(candidate, salt), stored);
        } catch (RuntimeException e) {
            return false; // a hash of an algorithm this check does not know: the engine decides at login
        }
    }
}
