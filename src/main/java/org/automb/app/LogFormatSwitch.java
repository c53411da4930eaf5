package org.automb.app;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.automb.config.OperationsSettings.LogFormat;

/**
 * Applies LOG_FORMAT at start, before the service logs anything: {@code json} replaces the console appender of
 * log4j2.properties (readable lines) with one writing {@link JsonLogLayout} objects to the same stream; {@code text}
 * leaves the configuration as it is.
 */
final class LogFormatSwitch {

    /** The console appender's name in log4j2.properties. */
    static final String CONSOLE = "console";

    private LogFormatSwitch() {
    }

    static void apply(LogFormat format) {
        if (format != LogFormat.JSON) {
            return;
        }
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        ConsoleAppender json = ConsoleAppender.newBuilder().setName(CONSOLE + "-json").setLayout(new JsonLogLayout())
            .setTarget(ConsoleAppender.Target.SYSTEM_OUT).build();
        json.start();
        configuration.addAppender(json);
        replace(configuration.getRootLogger(), json);
        configuration.getLoggers().values().forEach(logger -> replace(logger, json));
        context.updateLoggers();
    }

    private static void replace(LoggerConfig logger, ConsoleAppender json) {
        if (logger.getAppenders().containsKey(CONSOLE)) {
            logger.removeAppender(CONSOLE);
            logger.addAppender(json, null, null);
        }
    }
}
