package faust;

import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Shared test helpers: apps on a private memory broker, and waiting for a condition. */
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

    /**
     * @param timeout longest wait
     * @param condition what to wait for
     * @param what described in the failure
     */
    public static void await(Duration timeout, BooleanSupplier condition, String what) {
        await(timeout, condition, () -> what);
    }

    /**
     * @param timeout longest wait
     * @param condition what to wait for
     * @param what described in the failure, computed then
     */
    public static void await(Duration timeout, BooleanSupplier condition, java.util.function.Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what.get());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
