package io.reelflow.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the {@link LoginThrottle} to every way a password or token is checked: HTTP Basic and Bearer on any URL
 * ({@code /api}, {@code /engine-rest}, the actuator), and the webapps' login form
 * ({@code POST /camunda/api/admin/auth/user/default/login/{app}}). Runs before Spring Security, so a throttled
 * login is refused without checking the password (and costs neither a hash nor a database write). The checks report
 * their outcome themselves ({@link IdentityServiceAuthenticationProvider}, {@link BearerTokenFilter}); for the webapps'
 * login the answer tells it: {@code 401} is a failure, {@code 200} a success.
 *
 * <p>The client address is the connection's ({@code request.getRemoteAddr()}). Behind a reverse proxy set
 * {@code server.forward-headers-strategy: native} and {@code server.tomcat.remoteip.internal-proxies} to the proxy's
 * address, so that Tomcat takes the client from {@code X-Forwarded-For} only when the proxy sent it.
 */
@Configuration
public class LoginThrottleFilter {

    public static final String WEBAPP_LOGIN = "/camunda/api/admin/auth/user/default/login/";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> loginThrottleFilterRegistration(LoginThrottle throttle) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter(throttle));
        registration.setName("login-throttle");
        registration.addUrlPatterns("/*");
        registration.setOrder(-110); // before Spring Security (-100)
        return registration;
    }

    static final class Filter extends OncePerRequestFilter {
        private final LoginThrottle throttle;

        Filter(LoginThrottle throttle) {
            this.throttle = throttle;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String authorization = request.getHeader("Authorization");
            boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
            boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
            boolean webappLogin = "POST".equals(request.getMethod()) && request.getRequestURI().startsWith(WEBAPP_LOGIN);
            if (!basic && !bearer && !webappLogin) {
                chain.doFilter(request, response);
                return;
            }
            if (webappLogin) {
                FormBody form = FormBody.read(request);
                if (form == null) {
                    response.sendError(413);
                    return;
                }
                request = form;
            }
            String user = basic ? basicUser(authorization) : webappLogin ? ((FormBody) request).username() : null;
            String address = request.getRemoteAddr();
            LoginThrottle.Refusal refusal = throttle.refusal(address, user);
            if (refusal != null) {
                response.setStatus(429);
                response.setHeader("Retry-After", Long.toString(refusal.retryAfterSeconds()));
                response.setContentType("application/problem+json");
                response.getWriter().write("{\"type\":\"https://reelflow.io/problems/too-many-requests\",\"title\":\"Too many requests\","
                        + "\"status\":429,\"detail\":\"" + refusal.reason() + "; retry after " + refusal.retryAfterSeconds() + " s\"}");
                return;
            }
            chain.doFilter(request, response);
            if (webappLogin) {
                if (response.getStatus() == 401) throttle.failed(address, user);
                else if (response.getStatus() == 200) throttle.succeeded(address, user);
            }
        }

        /**
         * The webapp login's form, read once and replayed to the webapp, so that the user name is known before the
         * password is checked (calling {@code getParameter} here would consume the body before the webapp reads it).
         */
        static final class FormBody extends jakarta.servlet.http.HttpServletRequestWrapper {
            private static final int LIMIT = 16 * 1024;
            private final byte[] body;
            private final String username;

            private FormBody(HttpServletRequest request, byte[] body, String username) {
                super(request);
                this.body = body;
                this.username = username;
            }

            /** Null when the form is larger than a login form can be. */
            static FormBody read(HttpServletRequest request) throws IOException {
                byte[] body = request.getInputStream().readNBytes(LIMIT + 1);
                if (body.length > LIMIT) return null;
                String username = null;
                for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
                    if (!pair.startsWith("username=")) continue;
                    try {
                        username = java.net.URLDecoder.decode(pair.substring(9), StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException e) {
                        username = null;
                    }
                    break;
                }
                return new FormBody(request, body, username);
            }

            String username() {
                return username;
            }

            @Override
            public jakarta.servlet.ServletInputStream getInputStream() {
                java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
                return new jakarta.servlet.ServletInputStream() {
                    @Override
                    public int read() {
                        return in.read();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        return in.read(b, off, len);
                    }

                    @Override
                    public boolean isFinished() {
                        return in.available() == 0;
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setReadListener(jakarta.servlet.ReadListener listener) {
                        throw new UnsupportedOperationException();
                    }
                };
            }

            @Override
            public java.io.BufferedReader getReader() {
                return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
            }
        }

        /** The user name of a Basic header, or null when it cannot be read (the login then fails as a whole). */
        static String basicUser(String authorization) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon <= 0 ? null : decoded.substring(0, colon);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
