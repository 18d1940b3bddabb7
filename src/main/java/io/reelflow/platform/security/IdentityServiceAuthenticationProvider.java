package io.reelflow.platform.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
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

    private final IdentityService identityService;

    public IdentityServiceAuthenticationProvider(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (user == null || credentials == null || !identityService.checkPassword(user, credentials.toString())) {
            throw new BadCredentialsException("bad user name or password");
        }
        Set<String> groups = new LinkedHashSet<>();
        identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId).forEach(groups::add);
        if (groups.contains(Groups.CAMUNDA_ADMIN)) groups.add(Roles.ADMINS);
        List<SimpleGrantedAuthority> roles = groups.stream().map(g -> new SimpleGrantedAuthority("ROLE_" + g)).toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, roles);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
