package faust.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition another thread brings about (an agent's output, a commit), failing with
 * what was awaited when it does not come: a test then waits for evidence instead of sleeping.
 */
public final class Await {
    private static final long PAUSE_MILLIS = 5;
    private static final int FRAMES_SHOWN = 12;

    private Await() {}

    /**
     * @param timeout the longest wait
     * @param condition what to wait for; checked every few milliseconds
     * @param what described in the failure
     * @throws AssertionError when {@code condition} is still false after {@code timeout}
     */
    public static void until(Duration timeout, BooleanSupplier condition, String what) {
        Objects.requireNonNull(what, "what");
        until(timeout, condition, () -> what);
    }

    /**
     * @param timeout the longest wait
     * @param condition what to wait for; checked every few milliseconds
     * @param what described in the failure, computed then (it may show the state reached)
     * @throws AssertionError when {@code condition} is still false after {@code timeout}
     */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(what, "what");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what.get() + faustThreads());
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what.get(), e);
            }
        }
    }

    /**
     * @return where faust's platform threads (the consumer loop) stand, to show what a timed-out wait was behind;
     *     the JDK does not list virtual threads (agents, timers) here
     */
    private static String faustThreads() {
        StringBuilder b = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.getName().startsWith("agent-") || t.getName().startsWith("faust-")) {
                b.append("\n  ").append(t.getName()).append(' ').append(t.getState());
                for (int i = 0; i < Math.min(stack.length, FRAMES_SHOWN); i++) {
                    b.append("\n      at ").append(stack[i]);
                }
            }
        });
        return b.isEmpty() ? "" : "\nfaust threads then:" + b;
    }
}
