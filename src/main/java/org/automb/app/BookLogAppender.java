package org.automb.app;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.automb.jobs.BookLogTails;

/**
 * Copies each log line about a book (its key in the logging context, see {@link BookLogTails#BOOK_MDC}) into the
 * book's live log tail. Added to the root logger while the service runs and removed when it stops, so two services
 * in one JVM (tests) each keep only their own appender.
 */
final class BookLogAppender extends AbstractAppender {

    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %msg%throwable{short.message}";

    private final BookLogTails tails;

    private BookLogAppender(String name, BookLogTails tails) {
        super(name, null, PatternLayout.newBuilder().withPattern(PATTERN).build(), true, Property.EMPTY_ARRAY);
        this.tails = tails;
    }

    /** Starts an appender feeding {@code tails} and adds it to the root logger; closing it removes it. */
    static AutoCloseable attach(BookLogTails tails) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        BookLogAppender appender = new BookLogAppender("book-log-tails-" + System.identityHashCode(tails), tails);
        appender.start();
        Configuration configuration = context.getConfiguration();
        configuration.addAppender(appender);
        configuration.getRootLogger().addAppender(appender, Level.ALL, null);
        context.updateLoggers();
        return () -> {
            Configuration current = context.getConfiguration();
            current.getRootLogger().removeAppender(appender.getName());
            context.updateLoggers();
            appender.stop();
        };
    }

    @Override
    public void append(LogEvent event) {
        String key = event.getContextData().getValue(BookLogTails.BOOK_MDC);
        if (key == null) {
            return;
        }
        String text = new String(getLayout().toByteArray(event), java.nio.charset.StandardCharsets.UTF_8);
        text.lines().forEach(line -> tails.append(key, line));
    }
}
