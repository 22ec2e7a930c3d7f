package faust;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

/** Shared test helpers: apps on a private memory broker. */
public final class TestApps {
    private TestApps() {}

    /** @return a fresh memory broker URL */
    public static String freshBroker() {
        return "memory://test-" + UUID.randomUUID();
    }

    /**
     * @param id app id
     * @param broker memory broker URL
     * @param more extra settings
     * @return an app with a short commit interval
     */
    public static App app(String id, String broker, Consumer<AppConfig> more) {
        return App.create(id, cfg -> {
            cfg.broker(broker).brokerCommitInterval(Duration.ofMillis(100)).environment(java.util.Map.of());
            more.accept(cfg);
        });
    }
}
