package faust;

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
     * @return a test-friendly app ({@link AppTestDriver#testFriendly}) on {@code broker}
     */
    public static App app(String id, String broker, Consumer<AppConfig> more) {
        return App.create(id, AppTestDriver.testFriendly(cfg -> {
            cfg.broker(broker);
            more.accept(cfg);
        }));
    }
}
