package io.reelflow.platform.security;

import static io.reelflow.platform.security.Roles.ADMINS;
import static io.reelflow.platform.security.Roles.CRM_INTEGRATION;
import static io.reelflow.platform.security.Roles.DELIVERY_COORDINATORS;
import static io.reelflow.platform.security.Roles.DELIVERY_PARTNERS;
import static io.reelflow.platform.security.Roles.FINANCE;
import static io.reelflow.platform.security.Roles.MANAGERS;
import static io.reelflow.platform.security.Roles.MONITORING;
import static io.reelflow.platform.security.Roles.RIGHTS_MANAGERS;

import static org.springframework.security.web.util.matcher.AntPathRequestMatcher.antMatcher;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The REST API and /engine-rest take HTTP Basic against Camunda's identity service. The webapps
 * (Tasklist, Cockpit, Admin under /camunda) authenticate with their own login against the same store.
 *
 * <p>Two layers: these rules decide who may call which URL (by role); for /engine-rest and the webapps
 * the engine then applies Camunda authorizations ({@link GroupAuthorizations}) to what the user may
 * see and change. /api needs only the first layer: its controllers call the engine with no engine
 * authentication set, so the engine does not filter what they do.
 */
@Configuration
public class SecurityConfiguration {

    private static final AuthenticationEntryPoint UNAUTHORIZED =
            (req, res, ex) -> problem(res, 401, "Unauthorized", "authentication required (HTTP Basic with a valid user and password, or Bearer with a valid API token)");

    /**
     * No tracing observations around every security filter, the authentication and the authorization of each
     * request: they cost a fifth of a short request's CPU and nothing reads them (the request itself is still
     * measured as http.server.requests).
     */
    @Bean
    static org.springframework.security.config.observation.SecurityObservationSettings noSecurityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, IdentityServiceAuthenticationProvider users, ApiTokens tokens,
                            LoginThrottle throttle, org.camunda.bpm.engine.IdentityService identity,
                            org.camunda.bpm.engine.AuthorizationService authorizations, AccountLocks locks, @org.springframework.beans.factory.annotation.Value("${reelflow.security.hsts:false}") boolean hsts)
            throws Exception {
        strictTransportSecurity(http, hsts);
        // Ant matchers: /engine-rest is served by Jersey, not by Spring MVC's DispatcherServlet.
        // Metrics tell business volumes (deals, rejections): only managers, admins and the scraper's monitoring account read them.
        http.securityMatcher(new OrRequestMatcher(antMatcher("/api/**"), antMatcher("/engine-rest/**"), EndpointRequest.to("prometheus", "metrics")))
                .authenticationProvider(users)
                // CSRF does not apply: stateless Basic auth, no session and no cookie a forged request could ride on
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                        // a webapp session that authenticates a dashboard read (CockpitSessionReports) keeps its id: changing it
                        // under Cockpit's own concurrent requests would sign the user out
                        .sessionAuthenticationStrategy(new org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy()))
                .httpBasic(b -> b.realmName("Reelflow").authenticationEntryPoint(UNAUTHORIZED))
                // service accounts: Authorization: Bearer rft_... (ApiTokens); people keep HTTP Basic
                .addFilterBefore(new BearerTokenFilter(tokens, throttle), org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class)
                // Cockpit's Reelflow dashboard: its session reads the report endpoints (GET only), nothing else
                .addFilterBefore(new CockpitSessionReports(identity, authorizations, locks), org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(UNAUTHORIZED)
                        .accessDeniedHandler((req, res, ex) -> problem(res, 403, "Forbidden", "your role may not do this")))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/admin/**").hasRole(ADMINS)
                        .requestMatchers(HttpMethod.POST, "/api/deals", "/api/deals/*/amendments").hasAnyRole(CRM_INTEGRATION, ADMINS)
                        .requestMatchers(HttpMethod.POST, "/api/deliveries/*/events").hasAnyRole(CRM_INTEGRATION, DELIVERY_COORDINATORS, DELIVERY_PARTNERS, ADMINS)
                        .requestMatchers(HttpMethod.GET, "/api/deliveries/**", "/api/deliveries", "/api/reports/**")
                            .hasAnyRole(CRM_INTEGRATION, DELIVERY_COORDINATORS, MANAGERS, ADMINS)
                        .requestMatchers(HttpMethod.GET, "/api/windows/**").hasAnyRole(CRM_INTEGRATION, RIGHTS_MANAGERS, MANAGERS, ADMINS)
                        .requestMatchers(HttpMethod.GET, "/api/deals/**").hasAnyRole(CRM_INTEGRATION, RIGHTS_MANAGERS, DELIVERY_COORDINATORS, FINANCE, MANAGERS, ADMINS)
                        .requestMatchers(HttpMethod.GET, "/api/titles/**", "/api/rights-in/**", "/api/avails/**", "/api/avails")
                            .hasAnyRole(CRM_INTEGRATION, RIGHTS_MANAGERS, DELIVERY_COORDINATORS, MANAGERS, ADMINS)
                        .requestMatchers("/api/titles/**", "/api/titles", "/api/rights-in/**", "/api/rights-in").hasAnyRole(RIGHTS_MANAGERS, ADMINS)
                        .requestMatchers("/api/licence-fees/**", "/api/licensor-agreements", "/api/licensor-agreements/**", "/api/fx-rates", "/api/fx-rates/**",
                                "/api/royalty-receipts", "/api/royalty-receipts/**", "/api/royalty-statements", "/api/royalty-statements/**")
                            .hasAnyRole(FINANCE, ADMINS) // only finance sees money
                        // managers read (GET), admins do anything; Camunda authorizations apply on top (EngineRestAuthentication)
                        .requestMatchers(antMatcher(HttpMethod.GET, "/engine-rest/**")).hasAnyRole(ADMINS, MANAGERS)
                        .requestMatchers(antMatcher("/engine-rest/**")).hasRole(ADMINS)
                        .requestMatchers(EndpointRequest.to("prometheus", "metrics")).hasAnyRole(MONITORING, MANAGERS, ADMINS)
                        .anyRequest().authenticated());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain rest(HttpSecurity http, @org.springframework.beans.factory.annotation.Value("${reelflow.security.hsts:false}") boolean hsts)
            throws Exception {
        strictTransportSecurity(http, hsts);
        // Webapps protect themselves: own login, own CSRF filter (Camunda's CsrfPreventionFilter, always on for
        // /camunda/api/* and /camunda/app/*; its cookie is Secure in the prod profile). A second CSRF check
        // here would refuse the webapps' requests. Docs, health and info are open and read-only.
        http.csrf(c -> c.disable())
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }

    /**
     * Production (reelflow.security.hsts): browsers must use HTTPS for a year, on every answer. Spring Security would send the
     * header only on requests it sees as secure, which behind a TLS-terminating proxy none are.
     */
    private static void strictTransportSecurity(HttpSecurity http, boolean on) throws Exception {
        if (!on) return;
        http.headers(h -> h.httpStrictTransportSecurity(s -> s
                .requestMatcher(org.springframework.security.web.util.matcher.AnyRequestMatcher.INSTANCE)
                .includeSubDomains(true).maxAgeInSeconds(31_536_000)));
    }

    /** A URL the firewall refuses (an encoded ';', '..' and the like) is a 400 problem like every other refusal. */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler() {
        return (req, res, ex) -> problem(res, 400, "Rejected", "the request URL is not accepted (encoded separators such as ';' are refused)");
    }

    private static void problem(HttpServletResponse res, int status, String title, String detail) throws java.io.IOException {
        res.setStatus(status);
        res.setContentType("application/problem+json");
        if (status == 401) res.setHeader("WWW-Authenticate", "Basic realm=\"Reelflow\"");
        res.getWriter().write("{\"type\":\"https://reelflow.io/problems/" + title.toLowerCase() + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }
}
