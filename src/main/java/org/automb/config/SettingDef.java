package org.automb.config;

/**
 * One documented setting: its name (the environment variable auto-m4b uses), type, default and meaning.
 * The default may be "" (unset) or computed at start-up (see {@link SettingsCatalog}). A secret's value is never
 * printed (the start-up banner masks it; see {@link SecretValues}).
 */
public record SettingDef(String name, String type, String defaultValue, String meaning, boolean secret) {

    /** A setting whose value may be shown. */
    public SettingDef(String name, String type, String defaultValue, String meaning) {
        this(name, type, defaultValue, meaning, false);
    }

    /** A setting whose value is never shown: a token, key, password or URL list that carries credentials. */
    public static SettingDef secret(String name, String type, String defaultValue, String meaning) {
        return new SettingDef(name, type, defaultValue, meaning, true);
    }
}
