package faust.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The virtual threads a service started for its tasks; stops them with a deadline. Thread-safe. */
final class ServiceThreads {
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(1);
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    void start(String threadName, Runnable body) {
        Thread thread = Thread.ofVirtual().name(threadName).unstarted(() -> {
            try {
                body.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        });
        threads.add(thread);
        thread.start();
    }

    boolean isOwn(Thread thread) {
        return threads.contains(thread);
    }

    /**
     * Waits up to {@code timeout} for all threads but the caller to end, interrupts the rest and
     * gives them a short grace period.
     *
     * @return names of threads still alive afterwards
     */
    List<String> join(Duration timeout) {
        List<Thread> others = new ArrayList<>(threads);
        others.remove(Thread.currentThread()); // a task that stops its own service can't wait for itself
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Thread t : others) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    t.join(Duration.ofNanos(left));
                }
            }
            List<Thread> stragglers = others.stream().filter(Thread::isAlive).toList();
            stragglers.forEach(Thread::interrupt);
            long graceDeadline = System.nanoTime() + INTERRUPT_GRACE.toNanos();
            for (Thread t : stragglers) {
                t.join(Duration.ofNanos(Math.max(1, graceDeadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return others.stream().filter(Thread::isAlive).map(Thread::getName).toList();
    }
}
