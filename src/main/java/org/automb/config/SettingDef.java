package org.automb.config;

/**
 * One documented setting: its name (the environment variable auto-m4b uses), type, default and meaning.
 * The default may be "" (unset) or computed at start-up (see {@link SettingsCatalog}).
 */
public record SettingDef(String name, String type, String defaultValue, String meaning) {
}
