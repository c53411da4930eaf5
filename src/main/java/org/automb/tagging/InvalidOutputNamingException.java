package org.automb.tagging;

import java.util.List;

/**
 * An {@code OUTPUT_NAMING} value that is not a template this service can follow. The message is one line naming the
 * setting, its value and every problem, for the start-up check to print as it is.
 */
public final class InvalidOutputNamingException extends IllegalArgumentException {

    private final transient List<String> problems;

    public InvalidOutputNamingException(String template, List<String> problems) {
        super(OutputNaming.SETTING + " '" + template + "': " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, one sentence each, without the setting's name. */
    public List<String> problems() {
        return problems;
    }
}
