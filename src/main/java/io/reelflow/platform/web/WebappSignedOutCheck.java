package io.reelflow.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every Tasklist, Cockpit and Admin page load first asks {@code GET /camunda/api/admin/auth/user/default} who is
 * signed in. Camunda answers {@code 404} when nobody is, so each visit to a login page logged a failed request in
 * the browser. Here that answer is {@code 204 No Content}: the webapps treat any status but 200 as "not signed in"
 * and show their login page as before; a signed-in session still gets Camunda's own {@code 200} with the user.
 */
@Configuration(proxyBeanMethods = false)
public class WebappSignedOutCheck {

    static final String PREFIX = "/camunda/api/admin/auth/user/";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> webappSignedOutCheckRegistration() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter());
        registration.setName("webapp-signed-out-check");
        registration.addUrlPatterns(PREFIX + "*");
        return registration;
    }

    static final class Filter extends OncePerRequestFilter {
        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            if (!"GET".equals(request.getMethod())) return true;
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (!path.startsWith(PREFIX)) return true;
            String engine = path.substring(PREFIX.length());
            return engine.isEmpty() || engine.contains("/");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String engine = request.getRequestURI().substring(request.getContextPath().length() + PREFIX.length());
            HttpSession session = request.getSession(false);
            Authentications auths = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
            if (auths == null || !auths.hasAuthenticationForProcessEngine(engine)) {
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                response.setHeader("Cache-Control", "no-store");
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
