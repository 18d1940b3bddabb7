package io.reelflow.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer rft_…}: a service account's API token ({@link ApiTokens}). A valid token authenticates
 * the request as its account with its one role; any other bearer value is a {@code 401} problem (and counts against
 * the caller's address in the {@link LoginThrottle}, never against an account).
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final LoginThrottle throttle;

    BearerTokenFilter(ApiTokens tokens, LoginThrottle throttle) {
        this.tokens = tokens;
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiTokens.Caller> caller = tokens.authenticate(authorization.substring(7).trim());
        if (caller.isEmpty()) {
            throttle.failed(request.getRemoteAddr(), null);
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"Reelflow\", error=\"invalid_token\"");
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"https://reelflow.io/problems/unauthorized\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"detail\":\"the API token is unknown, revoked or expired\"}");
            return;
        }
        ApiTokens.Caller c = caller.get();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(c.account(), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + c.role()), new SimpleGrantedAuthority("API_TOKEN"))));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
