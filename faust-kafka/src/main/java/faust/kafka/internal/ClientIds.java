package faust.kafka.internal;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands out Kafka client ids unique within the JVM (Kafka registers a JMX bean per id and warns on
 * a clash, which two consumers of one app, or two apps in one JVM, would otherwise cause): the
 * first user of an id gets it as it is, later ones get {@code -2}, {@code -3}, ...
 */
final class ClientIds {
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final Set<String> IN_USE = new HashSet<>();

    private ClientIds() {}

    static String acquire(String kind, String base) {
        LOCK.lock();
        try {
            String id = base;
            for (int n = 2; !IN_USE.add(kind + "/" + id); n++) {
                id = base + "-" + n;
            }
            return id;
        } finally {
            LOCK.unlock();
        }
    }

    static void release(String kind, String id) {
        LOCK.lock();
        try {
            IN_USE.remove(kind + "/" + id);
        } finally {
            LOCK.unlock();
        }
    }
}
