package io.reelflow.platform.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What Tomcat refuses before any filter runs (a '%' without two hex digits, escapes that are not UTF-8, an encoded
 * NUL or '/') is answered as a problem too: {@code 400 application/problem+json}, never Tomcat's HTML page, never a
 * stack trace. Any other error that reaches Tomcat without a body is answered the same way.
 */
@Configuration(proxyBeanMethods = false)
public class ContainerErrors {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) host.setErrorReportValveClass(ProblemReportValve.class.getName());
            if (context.getParent() instanceof Host host) {
                // Spring Boot adds a plain ErrorReportValve of its own: this one replaces it
                for (Valve v : host.getPipeline().getValves()) {
                    if (v.getClass() == ErrorReportValve.class) host.getPipeline().removeValve(v);
                }
            }
        });
    }

    /** Tomcat's error report as RFC 9457 problem+json, without the exception. */
    public static class ProblemReportValve extends ErrorReportValve {
        public ProblemReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) return;
            String detail = status == 400
                    ? "the request line cannot be read: a '%' must start two hex digits, escapes must be UTF-8, and an encoded NUL or '/' is not accepted"
                    : "the request could not be served";
            String title = status == 400 ? "Invalid request" : status >= 500 ? "Internal error" : "Refused";
            String body = "{\"type\":\"https://reelflow.io/problems/" + title.toLowerCase().replace(' ', '-') + "\",\"title\":\"" + title
                    + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\""
                    + (status == 400 ? ",\"errors\":[{\"field\":\"path\",\"reason\":\"" + detail + "\"}]" : "") + "}";
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(body);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone; nothing to report to
            }
        }
    }
}
