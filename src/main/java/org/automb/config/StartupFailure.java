package org.automb.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A start-up failure told as one line for the user: every distinct message in the chain of causes, joined, with
 * line breaks folded and secrets taken out (a password in a JDBC URL, in its parameters or in its user part). The
 * stack trace is for {@code DEBUG=Y} only.
 */
public final class StartupFailure {

    private static final Pattern SECRET_PARAMETER =
        Pattern.compile("(?i)\\b(password|passwd|pwd|secret|token|sslpassword)=[^&;\\s]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]+):[^@/\\s]*@");
    /** Long enough for a ffmpeg or YAML message, short enough to stay one readable line. */
    private static final int MAX_LENGTH = 600;

    private StartupFailure() {
    }

    /** "what failed: why: the root cause", each message once, on one line. */
    public static String describe(Throwable failure) {
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t = failure; t != null && messages.size() < 6; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message == null || message.isBlank()) {
                continue;
            }
            String folded = oneLine(message);
            // a wrapper often repeats its cause's message: keep the new part only
            if (messages.stream().noneMatch(m -> m.contains(folded))) {
                messages.add(folded);
            }
        }
        if (messages.isEmpty()) {
            return failure.getClass().getSimpleName();
        }
        List<String> parts = new ArrayList<>(messages);
        String line = String.join(": ", parts);
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH) + "…";
    }

    /** {@code text} on one line, secrets hidden. */
    public static String oneLine(String text) {
        String folded = text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").replaceAll("-{5,}", "").replaceAll(" {2,}", " ").strip();
        folded = SECRET_PARAMETER.matcher(folded).replaceAll("$1=***");
        return USER_INFO.matcher(folded).replaceAll("$1:***@");
    }
}
