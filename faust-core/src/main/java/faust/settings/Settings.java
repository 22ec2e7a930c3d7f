package faust.settings;

import faust.errors.ImproperlyConfiguredException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An app's validated, immutable settings (Faust's {@code app.conf}), made by
 * {@code AppConfig.build()}. Read a setting through its typed declaration, so that a misspelt name
 * is a compile error:
 *
 * <pre>{@code
 * import static faust.settings.BrokerSettings.BROKER_COMMIT_INTERVAL;
 * Duration every = app.conf().get(BROKER_COMMIT_INTERVAL);
 * }</pre>
 *
 * <p>The declarations are grouped by Faust's sections: {@link CommonSettings},
 * {@link AgentSettings}, {@link BrokerSettings}, {@link ConsumerSettings}, {@link ProducerSettings},
 * {@link SerializationSettings}, {@link StreamSettings}, {@link RpcSettings}, {@link TableSettings},
 * {@link TopicSettings}, {@link WebSettings} and {@link WorkerSettings}; {@code docs/settings.md} is
 * generated from them. Immutable and thread-safe (objects set from code, such as an
 * {@code SSLContext}, are shared as given).
 *
 * @see Setting
 */
public final class Settings {
    private final String name;
    private final String id;
    private final Map<Setting<?>, Object> values;

    private Settings(String name, Map<Setting<?>, Object> values) {
        this.name = name;
        this.values = Collections.unmodifiableMap(values);
        int version = get(CommonSettings.VERSION);
        this.id = version > 1
                ? get(CommonSettings.ID_FORMAT).replace("{id}", name).replace("{self.version}", "" + version)
                        .replace("{version}", "" + version)
                : name;
    }

    /**
     * Makes settings from the values given; every other setting takes its default or is derived
     * from the others. Each value is validated again, and settings are checked against each other.
     * Apps are configured through {@code App.create(id, cfg -> ...)}; this is for the runtime and
     * for tools that build settings themselves.
     *
     * @param name the app name
     * @param given values by setting, as {@link Setting#parse} returns them (typed or text)
     * @return the settings
     * @throws ImproperlyConfiguredException naming the setting, the value and what is allowed
     */
    public static Settings of(String name, Map<Setting<?>, ?> given) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(given, "given");
        Map<Setting<?>, Object> values = new LinkedHashMap<>();
        for (Setting<?> s : declared()) {
            Object v = given.containsKey(s) ? s.parse(given.get(s), "code") : s.defaultValue();
            if (v != null) {
                values.put(s, v);
            }
        }
        Derivations.derive(name, values);
        Derivations.check(values);
        return new Settings(name, values);
    }

    /**
     * @param setting a declared setting
     * @param <T> its type
     * @return its value; an {@link Optional} for settings that may be unset
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) Objects.requireNonNull(values.get(setting), setting.key());
    }

    /** @return the app name as given to {@code AppConfig.forApp} */
    public String name() {
        return name;
    }

    /**
     * The app id: the name when {@code version} is 1, otherwise {@code id_format} applied (default
     * {@code "{id}-v{version}"}, e.g. {@code orders-v2}). Used as the consumer group id and as the
     * prefix of internal topics.
     *
     * @return the formatted id
     */
    public String id() {
        return id;
    }

    /**
     * A setting by its Faust name, for generic consumers such as web views and the CLI; code should
     * use {@link #get(Setting)}.
     *
     * @param faustName the snake_case name, or {@code id} / {@code name}
     * @return the value; {@code null} for an optional setting that is unset
     * @throws ImproperlyConfiguredException if the name is unknown (the message suggests the closest)
     */
    public @Nullable Object byName(String faustName) {
        Objects.requireNonNull(faustName, "faustName");
        return switch (faustName) {
            case "id" -> id;
            case "name" -> name;
            default -> plain(get(named(faustName, "Settings.byName")));
        };
    }

    /**
     * All settings by Faust name: {@code id} and {@code name} first, then every declared setting in
     * declaration order; unset optional settings map to {@code null}.
     *
     * @return an unmodifiable map
     */
    public Map<String, @Nullable Object> asMap() {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        values.forEach((k, v) -> m.put(k.key(), plain(v)));
        return Collections.unmodifiableMap(m);
    }

    private static @Nullable Object plain(Object v) {
        return v instanceof Optional<?> o ? o.orElse(null) : v;
    }

    /** @return every declared setting, in the order of the reference */
    public static List<Setting<?>> declared() {
        return Registry.ALL;
    }

    /**
     * @param faustName a Faust setting name, e.g. {@code broker_commit_every}
     * @param source where the name was found, named in the error (e.g. {@code config file app.properties})
     * @return the declared setting of that name
     * @throws ImproperlyConfiguredException naming the unknown name, where it came from and the closest known name
     */
    public static Setting<?> named(String faustName, String source) {
        Setting<?> s = Registry.BY_NAME.get(faustName);
        if (s != null) {
            return s;
        }
        String best = Registry.ALL.get(0).key();
        int bestDistance = Integer.MAX_VALUE;
        for (Setting<?> k : Registry.ALL) {
            int d = distance(faustName.toLowerCase(Locale.ROOT), k.key());
            if (d < bestDistance) {
                best = k.key();
                bestDistance = d;
            }
        }
        throw new ImproperlyConfiguredException("unknown setting '" + faustName + "' (from " + source
                + "); did you mean '" + best + "'? See docs/settings.md for all settings");
    }

    /**
     * @param faustName a Faust setting name
     * @return the declared setting of that name, or empty
     */
    public static Optional<Setting<?>> find(String faustName) {
        return Optional.ofNullable(Registry.BY_NAME.get(faustName));
    }

    /** @return the faust-java version, also part of the default {@code broker_client_id} */
    public static String faustVersion() {
        return FaustVersion.VERSION;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    @Override
    public String toString() {
        return "Settings[" + id + "]";
    }

    /** Every declaration, in section order; a holder so that the section classes finish initialising first. */
    private static final class Registry {
        static final List<Setting<?>> ALL = all();
        static final Map<String, Setting<?>> BY_NAME = byName();

        private static List<Setting<?>> all() {
            List<Setting<?>> out = new ArrayList<>();
            out.addAll(CommonSettings.keys());
            out.addAll(AgentSettings.keys());
            out.addAll(BrokerSettings.keys());
            out.addAll(ConsumerSettings.keys());
            out.addAll(ProducerSettings.keys());
            out.addAll(SerializationSettings.keys());
            out.addAll(StreamSettings.keys());
            out.addAll(RpcSettings.keys());
            out.addAll(TableSettings.keys());
            out.addAll(TopicSettings.keys());
            out.addAll(WebSettings.keys());
            out.addAll(WorkerSettings.keys());
            return List.copyOf(out);
        }

        private static Map<String, Setting<?>> byName() {
            Map<String, Setting<?>> m = new LinkedHashMap<>();
            for (Setting<?> s : ALL) {
                if (m.put(s.key(), s) != null) {
                    throw new IllegalStateException("setting declared twice: " + s.key());
                }
            }
            return Collections.unmodifiableMap(m);
        }
    }
}
