package io.reelflow.platform.security;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Camunda authorizations for /engine-rest: after Spring Security has authenticated a request (HTTP
 * Basic, {@link SecurityConfiguration}), Camunda's filter takes the user and its groups from the request's
 * principal ({@link SpringPrincipalEngineAuthentication}) and sets them as the engine authentication for that
 * request only (cleared afterwards). Without it the engine would check nothing and a manager could read and change everything.
 */
@Configuration
public class EngineRestAuthentication {

    public static final String ENGINE_REST = "/engine-rest";

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthenticationFilter() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("engine-rest-authentication");
        registration.addUrlPatterns(ENGINE_REST + "/*");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                SpringPrincipalEngineAuthentication.class.getName());
        registration.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, ENGINE_REST);
        // after Spring Security's filter chain (order -100), which puts the principal on the request
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }
}
