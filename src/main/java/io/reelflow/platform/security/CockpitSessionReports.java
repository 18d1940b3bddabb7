package io.reelflow.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cockpit's Reelflow dashboard reads the report endpoints with the browser's Cockpit session: a {@code GET} of
 * {@code /api/reports/**} or {@code /api/windows/expiring} without an {@code Authorization} header, from a session in
 * which a user is signed in to the webapps, is authenticated as that user — if the user still exists, is not locked and
 * may open Cockpit. The user's groups are read afresh (a changed group applies at once) and become its roles exactly as
 * for HTTP Basic, so the URL rules of {@link SecurityConfiguration} decide as for any other caller. Nothing else of
 * {@code /api} or {@code /engine-rest} takes the session, and no other method: a session cookie never writes.
 */
class CockpitSessionReports extends OncePerRequestFilter {

    private static final String ENGINE = "default";

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final AccountLocks locks;

    CockpitSessionReports(IdentityService identity, AuthorizationService authorizations, AccountLocks locks) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.locks = locks;
    }

    /** The reads the dashboard makes; the only requests a session may authenticate. */
    static boolean dashboardRead(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) return false;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/reports/") || path.equals("/api/windows/expiring");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader("Authorization") != null || !dashboardRead(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = signedIn(request.getSession(false));
        List<SimpleGrantedAuthority> roles = user == null ? null : cockpitUserRoles(user);
        if (roles == null) {
            chain.doFilter(request, response); // as if no session: 401 without other credentials
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, roles));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static String signedIn(HttpSession session) {
        if (session == null) return null;
        Authentications auths = AuthenticationUtil.getAuthsFromSession(session);
        if (auths == null || !auths.hasAuthenticationForProcessEngine(ENGINE)) return null;
        return auths.getAuthenticationForProcessEngine(ENGINE).getIdentityId();
    }

    /** The user's roles, or null when the user is gone, locked, or may not open Cockpit. */
    private List<SimpleGrantedAuthority> cockpitUserRoles(String user) {
        if (identity.createUserQuery().userId(user).count() == 0 || locks.isLocked(user)) return null;
        List<String> groups = IdentityServiceAuthenticationProvider.groupsOf(identity, user);
        if (!authorizations.isUserAuthorized(user, groups, Permissions.ACCESS, Resources.APPLICATION, "cockpit")) return null;
        return IdentityServiceAuthenticationProvider.rolesOf(groups);
    }
}
