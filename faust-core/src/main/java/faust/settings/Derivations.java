package faust.settings;

import faust.errors.ImproperlyConfiguredException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The settings whose defaults come from other settings, and the checks of settings against each other. */
final class Derivations {
    private Derivations() {}

    static void derive(String name, Map<Setting<?>, Object> v) {
        int version = (Integer) Objects.requireNonNull(v.get(CommonSettings.VERSION), "version");
        Path datadir = (Path) v.get(CommonSettings.DATADIR);
        Path resolvedDatadir = Path.of((datadir == null ? "{name}-data" : datadir.toString())
                .replace("{conf.name}", name).replace("{name}", name));
        v.put(CommonSettings.DATADIR, resolvedDatadir);
        Path tabledir = (Path) v.getOrDefault(CommonSettings.TABLEDIR, Path.of("tables"));
        v.put(CommonSettings.TABLEDIR, tabledir.isAbsolute() ? tabledir
                : resolvedDatadir.resolve("v" + version).resolve(tabledir));
        v.putIfAbsent(WebSettings.WEB_HOST, hostname());
        v.putIfAbsent(WebSettings.CANONICAL_URL,
                URI.create("http://" + v.get(WebSettings.WEB_HOST) + ":" + v.get(WebSettings.WEB_PORT)));
        v.putIfAbsent(RpcSettings.REPLY_TO, v.get(RpcSettings.REPLY_TO_PREFIX) + UUID.randomUUID().toString());
        @SuppressWarnings("unchecked")
        List<String> packages = (List<String>) v.get(CommonSettings.AUTODISCOVER);
        if (packages != null && packages.contains(Parsers.AUTODISCOVER_ORIGIN)) {
            Optional<?> origin = (Optional<?>) v.get(CommonSettings.ORIGIN);
            if (origin == null || origin.isEmpty()) {
                throw new ImproperlyConfiguredException("autodiscover is true but origin is not set;"
                        + " set origin to the app's base package, or set autodiscover to a list of packages");
            }
            List<String> replaced = new ArrayList<>();
            packages.forEach(p -> replaced.add(Parsers.AUTODISCOVER_ORIGIN.equals(p) ? origin.get().toString() : p));
            v.put(CommonSettings.AUTODISCOVER, List.copyOf(replaced));
        }
    }

    static void check(Map<Setting<?>, Object> v) {
        Duration heartbeat = (Duration) v.get(BrokerSettings.BROKER_HEARTBEAT_INTERVAL);
        Duration session = (Duration) v.get(BrokerSettings.BROKER_SESSION_TIMEOUT);
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
}
