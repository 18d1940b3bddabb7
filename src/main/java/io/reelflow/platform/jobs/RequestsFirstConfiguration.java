package io.reelflow.platform.jobs;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Wires {@link RequestsFirst}: a filter counts the requests in flight (all but health probes and static
 * resources of the webapps), and the job executor's thread pool ({@code camundaTaskExecutor} of the Camunda
 * starter) runs each batch of jobs through it. {@code reelflow.jobs.lanes-while-serving} (default 1) sets how
 * many executor threads may run while requests are served, {@code reelflow.jobs.quiet-period} (default 0.2 s) how
 * long after the last request the executor stays that narrow.
 */
@Configuration
public class RequestsFirstConfiguration {

    @Bean
    static RequestsFirst requestsFirst(@Value("${reelflow.jobs.lanes-while-serving:1}") int lanes,
                                       @Value("${reelflow.jobs.quiet-period:PT0.2S}") java.time.Duration quietPeriod) {
        return new RequestsFirst(lanes, quietPeriod);
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestsInFlightFilter(RequestsFirst requestsFirst) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                requestsFirst.requestStarted();
                try {
                    chain.doFilter(request, response);
                } finally {
                    requestsFirst.requestDone();
                }
            }

            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                return path.startsWith("/actuator/health") || path.startsWith("/camunda/app/") || path.startsWith("/camunda/assets/");
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("requests-in-flight");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Puts the decorator on the job executor's pool before the pool starts its threads. */
    @Bean
    static BeanPostProcessor jobsYieldToRequests(org.springframework.beans.factory.ObjectProvider<RequestsFirst> requestsFirst) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if ("camundaTaskExecutor".equals(beanName) && bean instanceof ThreadPoolTaskExecutor pool) {
                    pool.setTaskDecorator(requestsFirst.getObject());
                }
                return bean;
            }
        };
    }
}
