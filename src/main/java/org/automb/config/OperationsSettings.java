package org.automb.config;

/**
 * The settings of running the service day to day (docs/workflows.md, docs/plugins.md, docs/logging.md).
 *
 * @param convertSchedule CONVERT_SCHEDULE as given: "" (any time), {@code HH:MM-HH:MM}, or two Quartz cron
 *                        expressions {@code <start> to <stop>}; its syntax is checked here, its crons where they are
 *                        used
 * @param routesReload    ROUTES_RELOAD: reload CONFIG_FOLDER/routes/*.yaml live
 * @param logFormat       LOG_FORMAT
 */
public record OperationsSettings(String convertSchedule, boolean routesReload, LogFormat logFormat) {

    /** How log lines are written. */
    public enum LogFormat {
        /** Readable lines. */
        TEXT,
        /** One JSON object per line. */
        JSON
    }

    /** True when books may be converted at any time. */
    public boolean alwaysConvert() {
        return convertSchedule.isEmpty();
    }
}
