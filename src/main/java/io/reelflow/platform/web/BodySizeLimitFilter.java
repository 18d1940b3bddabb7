package io.reelflow.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API bodies above {@code reelflow.api.max-body-bytes} before anything parses them: by
 * Content-Length when given, and by counting when the body is chunked.
 */
@Component
public class BodySizeLimitFilter extends OncePerRequestFilter {

    /** File imports that take more than a JSON body (EMA Avails spreadsheets and XML) have a limit of their own. */
    static final java.util.Set<String> IMPORT_PATHS = java.util.Set.of("/api/rights-in/import/ema");

    private final long defaultLimit;
    private final long importLimit;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public BodySizeLimitFilter(@Value("${reelflow.api.max-body-bytes}") long limit,
                               @Value("${reelflow.api.max-import-bytes:33554432}") long importLimit,
                               com.fasterxml.jackson.databind.ObjectMapper json) {
        this.defaultLimit = limit;
        this.importLimit = importLimit;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = IMPORT_PATHS.contains(request.getRequestURI()) ? importLimit : defaultLimit;
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            var body = ApiExceptionHandler.problem(HttpStatus.PAYLOAD_TOO_LARGE, "Request too large",
                    "request body exceeds " + limit + " bytes", List.of(new FieldProblem("body", "request body exceeds " + limit + " bytes"))).getBody();
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            response.setContentType("application/problem+json");
            response.setHeader("Connection", "close");
            json.writeValue(response.getOutputStream(), body);
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) stream = new Counting(super.getInputStream(), limit);
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) count(1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) count(n);
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) throw new PayloadTooLargeException(limit);
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
