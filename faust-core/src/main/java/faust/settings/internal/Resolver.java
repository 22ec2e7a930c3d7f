package faust.settings.internal;

import faust.errors.ImproperlyConfiguredException;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Resolves settings from their sources, lowest precedence first: defaults, the properties file, the
 * environment, values set in code; then fills in derived values and checks settings against each other.
 */
public final class Resolver {
    /** Source text for values set in code. */
    public static final String CODE = "code";
    /** System properties naming a setting start with this: {@code faust.broker}. */
    public static final String PROPERTY_PREFIX = "faust.";

    private Resolver() {}

    /**
     * Parses a value set in code.
     *
     * @param key the Faust name
     * @param raw the value
     * @return the parsed value
     * @throws ImproperlyConfiguredException if the key is unknown or the value not allowed
     */
    public static @Nullable Object parseFromCode(String key, @Nullable Object raw) {
        SettingDef def = Declarations.ALL.get(key);
        if (def == null) {
            throw unknown(key, "code");
        }
        return parse(def, raw, CODE);
    }

    /**
     * Resolves every setting.
     *
     * @param name the app name
     * @param code values set in code, already parsed, by Faust name
     * @param file the properties file, or {@code null}
     * @param env the environment
     * @return every setting's value by Faust name, in declaration order; optional ones may be {@code null}
     * @throws ImproperlyConfiguredException naming the setting, value, source and what is allowed
     */
    public static Map<String, @Nullable Object> resolve(String name, Map<String, @Nullable Object> code,
                                                        @Nullable Path file, Map<String, String> env) {
        return resolve(name, code, file, env, Map.of());
    }

    /**
     * Resolves every setting, with JVM system properties {@code faust.<name>} (the command line:
     * {@code -Dfaust.broker=kafka://...}, or {@code bin/faust ... worker --broker ...}) above code.
     *
     * @param name the app name
     * @param code values set in code, already parsed, by Faust name
     * @param file the properties file, or {@code null}
     * @param env the environment
     * @param props system properties; only keys starting with {@code faust.} are read
     * @return every setting's value by Faust name, in declaration order; optional ones may be {@code null}
     * @throws ImproperlyConfiguredException naming the setting, value, source and what is allowed
     */
    public static Map<String, @Nullable Object> resolve(String name, Map<String, @Nullable Object> code,
                                                        @Nullable Path file, Map<String, String> env,
                                                        Map<String, String> props) {
        for (String k : props.keySet()) {
            if (k.startsWith(PROPERTY_PREFIX) && !Declarations.ALL.containsKey(k.substring(PROPERTY_PREFIX.length()))) {
                throw unknown(k.substring(PROPERTY_PREFIX.length()), "system property " + k);
            }
        }
        Map<String, String> fileValues = file == null ? Map.of() : load(file);
        String fileSource = "config file " + file;
        String prefix = envPrefix(code, fileValues, env, fileSource);
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        for (SettingDef def : Declarations.ALL.values()) {
            String key = def.key();
            String envName = def.env() == null ? null : prefixed(prefix, def);
            String prop = props.get(PROPERTY_PREFIX + key);
            if ("env_prefix".equals(key)) {
                out.put(key, prefix);
            } else if (prop != null && !def.parser().codeOnly()) {
                out.put(key, parse(def, prop, "system property " + PROPERTY_PREFIX + key));
            } else if (code.containsKey(key)) {
                out.put(key, code.get(key));
            } else if (envName != null && env.containsKey(envName)) {
                out.put(key, parse(def, env.get(envName), "environment variable " + envName));
            } else if (fileValues.containsKey(key)) {
                if (def.parser().codeOnly()) {
                    throw new ImproperlyConfiguredException(key + " can only be set from code, got '"
                            + fileValues.get(key) + "' (from " + fileSource + ")");
                }
                out.put(key, parse(def, fileValues.get(key), fileSource));
            } else {
                out.put(key, def.defaultValue() == null ? null : parse(def, def.defaultValue(), "default"));
            }
        }
        derive(name, out);
        check(out);
        return Collections.unmodifiableMap(out);
    }

    private static @Nullable String envPrefix(Map<String, @Nullable Object> code, Map<String, String> file,
                                              Map<String, String> env, String fileSource) {
        if (code.get("env_prefix") != null) {
            return (String) code.get("env_prefix");
        }
        SettingDef def = java.util.Objects.requireNonNull(Declarations.ALL.get("env_prefix"));
        String fromEnv = env.get(def.env());
        if (fromEnv != null && !fromEnv.isBlank()) {
            return (String) parse(def, fromEnv, "environment variable " + def.env());
        }
        return file.containsKey("env_prefix") ? (String) parse(def, file.get("env_prefix"), fileSource) : null;
    }

    /**
     * The environment variable read for a setting: {@code PREFIX_NAME} (a trailing {@code _} on the
     * prefix is optional), or the plain name without prefix.
     *
     * @param prefix the env prefix, or {@code null}
     * @param def the setting, which must have an environment variable
     * @return the variable name
     */
    public static String prefixed(@Nullable String prefix, SettingDef def) {
        String env = java.util.Objects.requireNonNull(def.env(), "env");
        if (prefix == null || prefix.isBlank() || "env_prefix".equals(def.key())) {
            return env;
        }
        return prefix.replaceAll("_+$", "") + "_" + env;
    }

    private static void derive(String name, Map<String, @Nullable Object> v) {
        int version = (Integer) java.util.Objects.requireNonNull(v.get("version"), "version");
        Path datadir = (Path) v.get("datadir");
        String dd = (datadir == null ? "{name}-data" : datadir.toString())
                .replace("{conf.name}", name).replace("{name}", name);
        Path resolvedDatadir = Path.of(dd);
        v.put("datadir", resolvedDatadir);
        Path tabledir = v.get("tabledir") == null ? Path.of("tables") : (Path) v.get("tabledir");
        v.put("tabledir", tabledir.isAbsolute() ? tabledir : resolvedDatadir.resolve("v" + version).resolve(tabledir));
        if (v.get("web_host") == null) {
            v.put("web_host", hostname());
        }
        if (v.get("canonical_url") == null) {
            v.put("canonical_url", URI.create("http://" + v.get("web_host") + ":" + v.get("web_port")));
        }
        if (v.get("reply_to") == null) {
            v.put("reply_to", v.get("reply_to_prefix") + UUID.randomUUID().toString());
        }
        @SuppressWarnings("unchecked")
        List<String> packages = (List<String>) v.get("autodiscover");
        if (packages != null && packages.contains(Parsers.AUTODISCOVER_ORIGIN)) {
            Object origin = v.get("origin");
            if (origin == null) {
                throw new ImproperlyConfiguredException("autodiscover is true but origin is not set;"
                        + " set origin to the app's base package, or set autodiscover to a list of packages");
            }
            List<String> replaced = new ArrayList<>();
            packages.forEach(p -> replaced.add(Parsers.AUTODISCOVER_ORIGIN.equals(p) ? origin.toString() : p));
            v.put("autodiscover", List.copyOf(replaced));
        }
    }

    private static void check(Map<String, @Nullable Object> v) {
        Duration heartbeat = (Duration) v.get("broker_heartbeat_interval");
        Duration session = (Duration) v.get("broker_session_timeout");
        if (heartbeat != null && session != null && heartbeat.compareTo(session) >= 0) {
            throw new ImproperlyConfiguredException("broker_heartbeat_interval must be less than broker_session_timeout ("
                    + session + "), got " + heartbeat + "; lower the interval or raise the timeout");
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static @Nullable Object parse(SettingDef def, @Nullable Object raw, String source) {
        try {
            return def.parser().parse(raw);
        } catch (Parser.BadValue e) {
            String got = raw == null ? "none" : "'" + raw + "'";
            throw new ImproperlyConfiguredException(def.key() + " must be " + def.parser().allowed()
                    + ", got " + got + " (from " + source + ")");
        }
    }

    private static Map<String, String> load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ImproperlyConfiguredException("config file " + file + " cannot be read (" + e
                    + "); check the path passed to configFile(...)", e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (!Declarations.ALL.containsKey(key)) {
                throw unknown(key, "config file " + file);
            }
            out.put(key, p.getProperty(key));
        }
        return out;
    }

    /**
     * @param key an unknown setting name
     * @param where where it was found
     * @return an exception naming the key and the closest known name
     */
    public static ImproperlyConfiguredException unknown(String key, String where) {
        String best = Declarations.ALL.keySet().iterator().next();
        int bestDistance = Integer.MAX_VALUE;
        for (String k : Declarations.ALL.keySet()) {
            int d = distance(key.toLowerCase(java.util.Locale.ROOT), k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return new ImproperlyConfiguredException("unknown setting '" + key + "' (from " + where
                + "); did you mean '" + best + "'? See docs/settings.md for all settings");
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
}
