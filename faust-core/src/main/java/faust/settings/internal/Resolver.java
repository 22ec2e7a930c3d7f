package faust.settings.internal;

import faust.errors.ImproperlyConfiguredException;
import faust.settings.CommonSettings;
import faust.settings.Setting;
import faust.settings.Settings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Resolves settings from their sources, lowest precedence first: defaults, the properties file, the
 * environment, values set in code, and JVM system properties {@value #PROPERTY_PREFIX}{@code <name>}.
 */
public final class Resolver {
    /**
     * System properties naming a setting start with this: {@code -Dfaust.setting.broker=kafka://h:9092}.
     * Other {@code faust.*} properties (a build's {@code faust.version}, say) are not settings and are
     * left alone; a misspelt name under this prefix is rejected.
     */
    public static final String PROPERTY_PREFIX = "faust.setting.";

    private Resolver() {}

    /**
     * Resolves every setting.
     *
     * @param name the app name
     * @param code values set in code, already parsed
     * @param file the properties file, or {@code null}
     * @param env the environment
     * @param props system properties; only keys starting with {@value #PROPERTY_PREFIX} are read
     * @return the settings
     * @throws ImproperlyConfiguredException naming the setting, value, source and what is allowed
     */
    public static Settings resolve(String name, Map<Setting<?>, Object> code, @Nullable Path file,
                                   Map<String, String> env, Map<String, String> props) {
        Map<Setting<?>, String> fromProps = new LinkedHashMap<>();
        props.forEach((k, v) -> {
            if (k.startsWith(PROPERTY_PREFIX)) {
                fromProps.put(Settings.named(k.substring(PROPERTY_PREFIX.length()), "system property " + k), v);
            }
        });
        Map<Setting<?>, String> fileValues = file == null ? Map.of() : load(file);
        String fileSource = "config file " + file;
        Optional<String> prefix = envPrefix(code, fileValues, env, fileSource);
        Map<Setting<?>, Object> out = new LinkedHashMap<>();
        for (Setting<?> def : Settings.declared()) {
            String prop = fromProps.get(def);
            if (def == CommonSettings.ENV_PREFIX) {
                out.put(def, prefix);
            } else if (prop != null && !def.codeOnly()) {
                out.put(def, def.parse(prop, "system property " + PROPERTY_PREFIX + def.key()));
            } else if (code.containsKey(def)) {
                out.put(def, code.get(def));
            } else if (def.env().isPresent() && env.containsKey(prefixed(prefix, def))) {
                String var = prefixed(prefix, def);
                out.put(def, def.parse(env.get(var), "environment variable " + var));
            } else if (fileValues.containsKey(def)) {
                String raw = fileValues.get(def);
                if (def.codeOnly()) {
                    throw new ImproperlyConfiguredException(def.key() + " can only be set from code, got '" + raw
                            + "' (from " + fileSource + ")");
                }
                out.put(def, def.parse(raw, fileSource));
            }
        }
        return Settings.of(name, out);
    }

    private static Optional<String> envPrefix(Map<Setting<?>, Object> code, Map<Setting<?>, String> file,
                                              Map<String, String> env, String fileSource) {
        Setting<Optional<String>> def = CommonSettings.ENV_PREFIX;
        if (code.get(def) instanceof Optional<?> o && o.isPresent()) {
            return Optional.of(o.get().toString());
        }
        String var = def.env().orElseThrow();
        String fromEnv = env.get(var);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return def.parse(fromEnv, "environment variable " + var);
        }
        return file.containsKey(def) ? def.parse(file.get(def), fileSource) : Optional.empty();
    }

    /**
     * The environment variable read for a setting: {@code PREFIX_NAME} (a trailing {@code _} on the
     * prefix is optional), or the plain name without prefix.
     *
     * @param prefix the env prefix
     * @param def the setting, which must have an environment variable
     * @return the variable name
     */
    public static String prefixed(Optional<String> prefix, Setting<?> def) {
        String env = def.env().orElseThrow(() -> new IllegalArgumentException(def.key() + " has no environment variable"));
        if (prefix.isEmpty() || prefix.get().isBlank() || def == CommonSettings.ENV_PREFIX) {
            return env;
        }
        return prefix.get().replaceAll("_+$", "") + "_" + env;
    }

    private static Map<Setting<?>, String> load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ImproperlyConfiguredException("config file " + file + " cannot be read (" + e
                    + "); check the path passed to configFile(...)", e);
        }
        Map<Setting<?>, String> out = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            out.put(Settings.named(key, "config file " + file), p.getProperty(key));
        }
        return out;
    }
}
