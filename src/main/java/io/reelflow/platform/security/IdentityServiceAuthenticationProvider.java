package io.reelflow.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * One user store for everything: the REST API checks the same users and groups as Tasklist and
 * Cockpit, those of Camunda's identity service. Each group becomes a role ({@code ROLE_finance});
 * members of {@code camunda-admin} (such as the production admin user, {@code camunda.bpm.admin-user})
 * are also {@code ROLE_admins}. It only reads the identity store: it sets no engine authentication,
 * so the Camunda calls an {@code /api} request makes are not subject to Camunda authorizations.
 */
@Component
public class IdentityServiceAuthenticationProvider implements AuthenticationProvider {

    /** A login verified against the store: a digest of user and password (never the password), its roles, until when. */
    private record Verified(byte[] digest, List<SimpleGrantedAuthority> roles, long untilNanos) {
    }

    private final IdentityService identityService;
    private final long cacheNanos;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private final LoginThrottle throttle;
    /** the monotonic clock remembered logins expire by (a test moves its own) */
    private final LongSupplier nanoTime;

    public IdentityServiceAuthenticationProvider(IdentityService identityService, Duration loginCache) {
        this(identityService, loginCache, null, System::nanoTime);
    }

    IdentityServiceAuthenticationProvider(IdentityService identityService, Duration loginCache, LongSupplier nanoTime) {
        this(identityService, loginCache, null, nanoTime);
    }

    /** Each checked login is reported to the throttle (by the caller's address), which refuses further guesses before they get here. */
    @org.springframework.beans.factory.annotation.Autowired
    public IdentityServiceAuthenticationProvider(IdentityService identityService,
                                                 @Value("${reelflow.security.login-cache:PT30S}") Duration loginCache,
                                                 LoginThrottle throttle) {
        this(identityService, loginCache, throttle, System::nanoTime);
    }

    private IdentityServiceAuthenticationProvider(IdentityService identityService, Duration loginCache, LoginThrottle throttle,
                                                  LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.identityService = identityService;
        this.cacheNanos = loginCache.toNanos();
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (user == null || credentials == null) throw new BadCredentialsException("bad user name or password");
        // The CRM calls with every request: checking a salted hash and reading the groups each time costs more than
        // the request itself. A login verified in the last few seconds is taken from memory; a changed password or
        // group applies when it expires (reelflow.security.login-cache, 0 to turn it off).
        byte[] digest = digest(user, credentials.toString());
        Verified known = verified.get(user);
        String address = authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
        if (known != null && known.untilNanos() - nanoTime.getAsLong() > 0 && MessageDigest.isEqual(known.digest(), digest)) {
            if (throttle != null) throttle.succeeded(address, user);
            return UsernamePasswordAuthenticationToken.authenticated(user, null, known.roles());
        }
        if (!identityService.checkPassword(user, credentials.toString())) {
            verified.remove(user);
            if (throttle != null) throttle.failed(address, user);
            throw new BadCredentialsException("bad user name or password");
        }
        if (throttle != null) throttle.succeeded(address, user);
        List<SimpleGrantedAuthority> roles = rolesOf(groupsOf(identityService, user));
        if (cacheNanos > 0) verified.put(user, new Verified(digest, roles, nanoTime.getAsLong() + cacheNanos));
        return UsernamePasswordAuthenticationToken.authenticated(user, null, roles);
    }

    /** The ids of the user's groups, read afresh from the identity store. */
    static List<String> groupsOf(IdentityService identity, String user) {
        return identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    }

    /**
     * The roles of a member of these groups, for every way in (HTTP Basic, the Cockpit session): each group is a role
     * ({@code ROLE_finance}), and a member of {@code camunda-admin} is also {@code ROLE_admins}.
     */
    static List<SimpleGrantedAuthority> rolesOf(java.util.Collection<String> groups) {
        Set<String> roles = new LinkedHashSet<>(groups);
        if (roles.contains(Groups.CAMUNDA_ADMIN)) roles.add(Roles.ADMINS);
        return roles.stream().map(g -> new SimpleGrantedAuthority("ROLE_" + g)).toList();
    }

    /** Forgets every remembered login (after a change to users or groups that must apply at once). */
    public void forgetLogins() {
        verified.clear();
    }

    private static byte[] digest(String user, String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((user + '\0' + password).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
