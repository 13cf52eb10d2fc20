package dev.remit.api;

import java.io.IOException;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;

/**
 * Requests Tomcat refuses before any servlet sees them (a malformed URL, an undecodable path)
 * would get Tomcat's HTML error page. This replaces that page with HighLevel's JSON error body and
 * an X-Request-Id, like every other answer.
 */
@Configuration
class ContainerErrorConfig {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonContainerErrors() {
        return new JsonErrorsCustomizer();
    }

    /** Runs after Spring Boot's own customizer, which adds the default (HTML) valve, and replaces it. */
    static final class JsonErrorsCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                var pipeline = context.getParent().getPipeline();
                for (Valve valve : pipeline.getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        pipeline.removeValve(valve);
                    }
                }
                pipeline.addValve(new HighLevelErrorReportValve());
                // The host adds a default (HTML) valve on start unless one of this class is there.
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(HighLevelErrorReportValve.class.getName());
                }
            });
        }
    }

    /** Tomcat's last word on a failed request, in JSON. */
    public static class HighLevelErrorReportValve extends ErrorReportValve {

        private static final Logger log = LoggerFactory.getLogger(HighLevelErrorReportValve.class);

        public HighLevelErrorReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int code = response.getStatus();
            if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            HttpStatus status = HttpStatus.resolve(code);
            if (status == null) {
                status = code >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
            }
            String requestId = RequestIdFilter.idOf(request);
            if (status.is5xxServerError()) {
                log.error("request {} failed in the container with {}", requestId, code, throwable);
            }
            String message = status.is5xxServerError() ? "Internal server error" : status.getReasonPhrase();
            try {
                response.setHeader(RequestIdFilter.HEADER, requestId);
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                var writer = response.getReporter();
                if (writer != null) {
                    writer.write(ErrorBodies.json(status, message));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException ignored) {
                // the connection is gone; nothing more to tell the caller
            }
        }
    }
}
