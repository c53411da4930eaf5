package org.automb.plugins;

/**
 * What a plugin throws to fail the book (docs/plugins.md, "A plugin that refuses a book"): at
 * {@code direct:plugin-before-convert} or {@code direct:plugin-before-deliver}, a route's
 * {@code throwException: {exceptionType: org.automb.plugins.PluginRejectsBook, message: "why"}} sends the book to the
 * failed folder at once (no retries: the user's plugin decided), FAILED_INFO.txt naming the extension point and the
 * message. Any other error of a plugin is recorded and the book goes on without it.
 */
public class PluginRejectsBook extends RuntimeException {

    /** @param reason the plugin's reason, shown to the user in FAILED_INFO.txt and on the job */
    public PluginRejectsBook(String reason) {
        super(reason);
    }
}
