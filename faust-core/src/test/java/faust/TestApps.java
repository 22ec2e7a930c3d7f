package faust;

import faust.topic.TP;
import faust.transport.internal.MemoryBroker;
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

    /**
     * @param mb the memory broker
     * @param group a consumer group
     * @param topic a topic
     * @param partitions its partition count
     * @return the sum of the group's committed offsets over the topic's partitions
     */
    public static long committedSum(MemoryBroker mb, String group, String topic, int partitions) {
        long sum = 0;
        for (int p = 0; p < partitions; p++) {
            Long c = mb.committed(group, new TP(topic, p));
            sum += c == null ? 0 : c;
        }
        return sum;
    }
}
