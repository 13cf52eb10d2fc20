package dev.remit.page;

import java.util.logging.Level;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;

/**
 * openhtmltopdf logs through SLF4J, so its loggers ({@code com.openhtmltopdf.*}) take their levels from
 * the application's logging settings; by default it writes to the console on a handler of its own.
 */
@Component
class PdfLogging {

    PdfLogging() {
        XRLog.setLoggerImpl(new Slf4jLogger());
    }

    static final class Slf4jLogger implements XRLogger {

        @Override
        public void log(String where, Level level, String message) {
            log(where, level, message, null);
        }

        @Override
        public void log(String where, Level level, String message, Throwable failure) {
            Logger log = LoggerFactory.getLogger(where);
            int value = level.intValue();
            if (value >= Level.SEVERE.intValue()) {
                log.error(message, failure);
            } else if (value >= Level.WARNING.intValue()) {
                log.warn(message, failure);
            } else if (value >= Level.INFO.intValue()) {
                log.info(message, failure);
            } else {
                log.debug(message, failure);
            }
        }

        @Override
        public void setLevel(String logger, Level level) {
            // levels are the logging system's
        }

        @Override
        public boolean isLogLevelEnabled(Diagnostic diagnostic) {
            Logger log = LoggerFactory.getLogger(diagnostic.getLogMessageId().getWhere());
            int value = diagnostic.getLevel().intValue();
            return value >= Level.SEVERE.intValue() ? log.isErrorEnabled()
                    : value >= Level.WARNING.intValue() ? log.isWarnEnabled()
                    : value >= Level.INFO.intValue() ? log.isInfoEnabled() : log.isDebugEnabled();
        }
    }
}
