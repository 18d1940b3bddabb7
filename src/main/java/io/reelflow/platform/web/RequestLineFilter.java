package io.reelflow.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request line the service cannot read is a {@code 400} problem before anything else sees it, never a {@code 500}:
 * a path with an empty segment ({@code //engine-rest/...}), a path parameter ({@code /engine-rest;x=y/...}), a
 * backslash, a {@code .} or {@code ..} segment (plain or encoded), a percent sign that does not start a valid escape,
 * escapes that are not UTF-8, and control characters or Unicode direction controls in the path or a query parameter
 * ({@link TextInput}). What Spring Security's firewall still rejects later (a header value with a control character,
 * read lazily) is answered the same way.
 */
@Configuration(proxyBeanMethods = false)
public class RequestLineFilter {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestLineFilterRegistration() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter());
        registration.setName("request-line");
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    static final class Filter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String[] refusal = refusal(request.getRequestURI(), request.getQueryString());
            if (refusal != null) {
                reject(response, refusal[0], refusal[1]);
                return;
            }
            try {
                chain.doFilter(request, response);
            } catch (RequestRejectedException e) {
                if (response.isCommitted()) throw e;
                response.resetBuffer();
                reject(response, "request", "not accepted: " + e.getMessage());
            } catch (ServletException e) {
                if (!(e.getCause() instanceof RequestRejectedException rejected) || response.isCommitted()) throw e;
                response.resetBuffer();
                reject(response, "request", "not accepted: " + rejected.getMessage());
            }
        }

        /** {field, reason} when the request line cannot be read, else null. */
        static String[] refusal(String uri, String query) {
            if (uri == null || uri.isEmpty() || uri.charAt(0) != '/') return new String[] {"path", "must start with '/'"};
            for (int i = 0; i < uri.length(); i++) {
                char c = uri.charAt(i);
                if (c <= 0x20 || c >= 0x7F) return new String[] {"path", "contains a character that must be percent-encoded"};
                if (c == ';') return new String[] {"path", "path parameters (';') are not accepted"};
                if (c == '\\') return new String[] {"path", "a backslash is not accepted"};
            }
            if (uri.contains("//")) return new String[] {"path", "contains an empty segment ('//')"};
            String path;
            try {
                path = decode(uri, false);
            } catch (IllegalArgumentException e) {
                return new String[] {"path", e.getMessage()};
            }
            for (String segment : path.split("/", -1)) {
                if (segment.equals(".") || segment.equals("..")) return new String[] {"path", "'.' and '..' segments are not accepted"};
            }
            String bad = TextInput.refusal(path);
            if (bad != null) return new String[] {"path", bad};
            if (query == null || query.isEmpty()) return null;
            for (int i = 0; i < query.length(); i++) {
                char c = query.charAt(i);
                if (c < 0x20 || c >= 0x7F) return new String[] {"query", "contains a character that must be percent-encoded"};
            }
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name;
                String value;
                try {
                    name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
                    value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
                } catch (IllegalArgumentException e) {
                    return new String[] {"query", e.getMessage()};
                }
                String field = TextInput.refusal(name) == null && name.length() <= 100 ? name : "query";
                bad = TextInput.refusal(name);
                if (bad == null) bad = TextInput.refusal(value);
                if (bad != null) return new String[] {field, bad};
            }
            return null;
        }

        /** Strict percent-decoding: every '%' starts two hex digits, and the bytes are UTF-8. */
        static String decode(String s, boolean plusIsSpace) {
            if (s.indexOf('%') < 0 && !(plusIsSpace && s.indexOf('+') >= 0)) return s;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '%') {
                    if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
                        throw new IllegalArgumentException("'%' must start an escape of two hex digits");
                    }
                    bytes.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                    i += 2;
                } else {
                    bytes.write(plusIsSpace && c == '+' ? ' ' : c);
                }
            }
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("percent-escapes that are not UTF-8");
            }
        }

        private static void reject(HttpServletResponse response, String field, String reason) throws IOException {
            response.setStatus(400);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            String f = json(field);
            String r = json(reason);
            response.getWriter().write("{\"type\":\"https://reelflow.io/problems/invalid-request\",\"title\":\"Invalid request\",\"status\":400,"
                    + "\"detail\":\"" + f + ": " + r + "\",\"errors\":[{\"field\":\"" + f + "\",\"reason\":\"" + r + "\"}]}");
        }

        private static String json(String s) {
            StringBuilder sb = new StringBuilder(s.length());
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') sb.append('\\').append(c);
                else if (c < 0x20 || c > 0x7E) sb.append(String.format("\\u%04x", (int) c));
                else sb.append(c);
            }
            return sb.toString();
        }
    }
}
