package io.reelflow.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every log line of a request about a deal names the deal ({@code dealId} in the MDC, as the engine
 * does for delegates and jobs). POST /api/deals sets it once the body is read.
 */
@Component
public class DealLogContextFilter extends OncePerRequestFilter {

    public static final String KEY = "dealId";
    private static final Pattern DEAL_PATH = Pattern.compile("^/api/deals/([A-Za-z0-9._:-]{1,64})(/.*)?$");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher m = DEAL_PATH.matcher(request.getRequestURI());
        if (m.matches()) MDC.put(KEY, m.group(1));
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(KEY);
        }
    }
}
