package org.automb.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures what the application logs (logger {@code org.automb}, as configured in log4j2.properties), the lines a
 * user reads. Start before the events, {@link #close()} after.
 */
public final class LogCapture implements AutoCloseable {

    /** One captured line: level, formatted message and when it was logged. */
    public record Line(Level level, String message, long timeMillis) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;
    private final LoggerConfig loggerConfig;
    private final LoggerContext context;

    private LogCapture() {
        this("org.automb");
    }

    private LogCapture(String logger) {
        context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        appender = new AbstractAppender("capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(new Line(event.getLevel(), event.getMessage().getFormattedMessage(), event.getTimeMillis()));
            }
        };
        appender.start();
        loggerConfig = config.getLoggerConfig(logger);
        loggerConfig.addAppender(appender, Level.ALL, null);
        context.updateLoggers();
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    /** Captures what every logger writes, Camel's and the libraries' too (the root logger's configuration). */
    public static LogCapture everything() {
        return new LogCapture("");
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Messages logged at ERROR. */
    public List<String> errors() {
        return lines.stream().filter(l -> l.level() == Level.ERROR).map(Line::message).toList();
    }

    /** Every message, in order. */
    public List<String> messages() {
        return lines.stream().map(Line::message).toList();
    }

    @Override
    public void close() {
        loggerConfig.removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
