package faust.settings.internal;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One declared setting.
 *
 * @param key Faust's snake_case name, also the key in a properties file
 * @param section the reference section
 * @param parser the type and validator
 * @param defaultValue the default in its text form, parsed by {@code parser}; {@code null} means none or derived
 * @param defaultDoc how the default is shown in the reference
 * @param env the environment variable name without prefix, or {@code null} if not read from the environment
 * @param doc a one-line description
 */
public record SettingDef(String key, Section section, Parser parser, @Nullable String defaultValue,
                         String defaultDoc, @Nullable String env, String doc) {
    /** Validates the declaration. */
    public SettingDef {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(parser, "parser");
        if (env != null && parser.codeOnly()) {
            throw new IllegalArgumentException(key + " is code-only and cannot have an environment variable");
        }
    }
}
