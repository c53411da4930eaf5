package org.automb.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves each setting's raw value: command line, then environment variable, then
 * {@code application.properties}, then the catalog default.
 */
public final class SettingsResolver {

    private final SettingsCatalog catalog;

    public SettingsResolver(SettingsCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param commandLine values given on the command line
     * @param environment the process environment (System::getenv)
     * @param file        values from application.properties (may hold Camel placeholders, which are not expanded here)
     */
    public Map<String, String> resolve(Map<String, String> commandLine, Function<String, String> environment,
                                       Map<String, String> file) {
        Map<String, String> resolved = new LinkedHashMap<>();
        for (SettingDef def : catalog.all()) {
            String name = def.name();
            String value = commandLine.get(name);
            if (value == null) {
                value = environment.apply(name);
            }
            if (value == null) {
                value = file.get(name);
            }
            if (value == null || (value.isBlank() && !def.defaultValue().isEmpty())) {
                value = def.defaultValue();
            }
            resolved.put(name, value);
        }
        // MAX_PARALLEL_BOOKS follows CPU_CORES unless set itself
        if (!isSet(commandLine, environment, file)) {
            resolved.put("MAX_PARALLEL_BOOKS", resolved.get("CPU_CORES"));
        }
        return resolved;
    }

    /** A blank value (an empty option, or {@code MAX_PARALLEL_BOOKS=} in the environment or the file) is not set. */
    private static boolean isSet(Map<String, String> commandLine, Function<String, String> environment,
                                 Map<String, String> file) {
        String name = "MAX_PARALLEL_BOOKS";
        return !isBlank(commandLine.get(name)) || !isBlank(environment.apply(name)) || !isBlank(file.get(name));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
