package faust.settings;

import faust.errors.ImproperlyConfiguredException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One setting, declared once with its Faust name, type, default, validator, environment variable
 * and description (Kafka's {@code ConfigDef.define}, Faust's {@code @setting(env_name=...)}). The
 * declarations are the constants of the section classes ({@link CommonSettings},
 * {@link BrokerSettings}, ...); read a value with {@link Settings#get(Setting)}, so that a
 * misspelt setting does not compile:
 *
 * <pre>{@code
 * Duration interval = app.conf().get(BrokerSettings.BROKER_COMMIT_INTERVAL);
 * }</pre>
 *
 * <p>A setting that may be unset ("none" in Faust) has an {@link Optional} type. Immutable and
 * thread-safe.
 *
 * @param <T> the Java type of the value
 * @see Settings
 */
public final class Setting<T> {
    private final String key;
    private final Section section;
    private final ValueParser<?> parser;
    private final boolean optional;
    private final @Nullable String defaultText;
    private final String defaultDoc;
    private final @Nullable String env;
    private final String doc;

    private Setting(String key, Section section, ValueParser<?> parser, boolean optional, @Nullable String defaultText,
                    String defaultDoc, @Nullable String env, String doc) {
        this.key = Objects.requireNonNull(key, "key");
        this.section = Objects.requireNonNull(section, "section");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.optional = optional;
        this.defaultText = defaultText;
        this.defaultDoc = defaultDoc;
        this.env = env;
        this.doc = doc;
        if (env != null && parser.codeOnly()) {
            throw new IllegalArgumentException(key + " is code-only and cannot have an environment variable");
        }
    }

    /** A setting that always has a value: the parsed {@code defaultText}, or one derived from other settings when null. */
    static <T> Setting<T> required(String key, Section section, ValueParser<T> parser, @Nullable String defaultText,
                                   String defaultDoc, @Nullable String env, String doc) {
        return new Setting<>(key, section, parser, false, defaultText, defaultDoc, env, doc);
    }

    /** A setting that may be unset ("none"): its value is an {@link Optional}, empty by default. */
    static <T> Setting<Optional<T>> optional(String key, Section section, ValueParser<T> parser, @Nullable String env,
                                             String doc) {
        return new Setting<>(key, section, parser, true, null, "none", env, doc);
    }

    /** @return Faust's snake_case name, also the key in a properties file, e.g. {@code broker_commit_interval} */
    public String key() {
        return key;
    }

    /** @return the section of the settings reference it belongs to */
    public Section section() {
        return section;
    }

    /** @return the environment variable read for it (before any {@code env_prefix}), or empty when code-only */
    public Optional<String> env() {
        return Optional.ofNullable(env);
    }

    /** @return a one-line description */
    public String doc() {
        return doc;
    }

    /** @return the default as shown in the reference, e.g. {@code `2.8`}, {@code none} or how it is derived */
    public String defaultDoc() {
        return defaultDoc;
    }

    /** @return what values are allowed, phrased to follow "must be", e.g. {@code an integer >= 1} */
    public String allowed() {
        return optional ? parser.allowed() + " or empty for none" : parser.allowed();
    }

    /** @return the Java type of the value as shown in the reference, e.g. {@code Duration} */
    public String javaType() {
        return parser.javaType();
    }

    /** @return whether the setting may be unset; its type is then an {@link Optional} */
    public boolean isOptional() {
        return optional;
    }

    /** @return whether the value can only be set from code (it is an object, such as an {@code SSLContext}) */
    public boolean codeOnly() {
        return parser.codeOnly();
    }

    /** @return whether its default is computed from other settings (for example {@code canonical_url}) */
    public boolean derived() {
        return !optional && defaultText == null;
    }

    /**
     * Parses and validates a value for this setting: a string as read from a file, the environment
     * or a system property, or a typed value set from code ({@code Duration}, a number of seconds,
     * {@code Path}, ...). {@code null} or a blank string mean "none", allowed only for optional
     * settings. An {@link Optional} is taken as its content.
     *
     * @param raw the value
     * @param source where the value came from, named in the error, e.g. {@code environment variable WEB_PORT}
     * @return the value
     * @throws ImproperlyConfiguredException naming the setting, the value, its source and what is allowed
     */
    @SuppressWarnings("unchecked")
    public T parse(@Nullable Object raw, String source) {
        Object value = raw instanceof Optional<?> o ? o.orElse(null) : raw;
        if (value == null || value instanceof String s && s.isBlank()) {
            if (optional) {
                return (T) Optional.empty();
            }
            throw rejected(raw, source);
        }
        Object parsed;
        try {
            parsed = parser.parse(value instanceof String s && !parser.codeOnly() ? s.trim() : value);
        } catch (RuntimeException e) {
            throw rejected(value, source);
        }
        return (T) (optional ? Optional.of(parsed) : parsed);
    }

    private ImproperlyConfiguredException rejected(@Nullable Object raw, String source) {
        String got = raw == null || raw instanceof Optional<?> ? "none" : "'" + raw + "'";
        return new ImproperlyConfiguredException(key + " must be " + allowed() + ", got " + got + " (from " + source + ")");
    }

    /** @return the default value, or null for a derived setting */
    @Nullable T defaultValue() {
        if (optional) {
            return parse(null, "default");
        }
        return defaultText == null ? null : parse(defaultText, "default");
    }

    @Override
    public String toString() {
        return key;
    }
}
