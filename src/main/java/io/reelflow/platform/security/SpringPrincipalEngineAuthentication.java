package io.reelflow.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The engine authentication of an {@code /engine-rest} request, taken from the principal Spring Security has
 * already authenticated: the user and, from its roles, its Camunda groups. Camunda's container-based provider
 * gives only the user name, so its filter would query the groups and tenants again on every request. Reelflow
 * uses no tenants: the list is empty.
 */
public class SpringPrincipalEngineAuthentication implements AuthenticationProvider {

    private static final String ROLE = "ROLE_";

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        Principal principal = request.getUserPrincipal();
        if (!(principal instanceof Authentication auth) || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken
                || auth.getName() == null || auth.getName().isEmpty()) {
            return AuthenticationResult.unsuccessful();
        }
        AuthenticationResult result = AuthenticationResult.successful(auth.getName());
        result.setGroups(groupsOf(auth));
        result.setTenants(List.of());
        return result;
    }

    static List<String> groupsOf(Authentication auth) {
        return auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith(ROLE)).map(a -> a.substring(ROLE.length())).toList();
    }

    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
        // Spring Security answers unauthenticated requests (401 with its Basic challenge) before this filter runs
    }
}
