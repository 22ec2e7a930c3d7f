package faust.bench.e2e;

import faust.sensor.Sensor;
import faust.stream.Message;
import faust.topic.TP;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * A sensor, added with {@code --verbose}, that counts what throttles a faust-java run:
 * <ul>
 *   <li>stalls: gaps of 50 ms or more between two messages handed in by the consumer thread
 *       (the consumer was blocked in a commit, or its fetches brought nothing), and where the
 *       first five fell in the run;</li>
 *   <li>how often the stream buffer filled up, so that the consumer paused the partitions;</li>
 *   <li>commits and the time they took (at-least-once commits flush the producer on the consumer
 *       thread; exactly-once commits hold every stream at the commit barrier).</li>
 * </ul>
 */
final class FaustDiagnostics implements Sensor {
    private static final long STALL_NANOS = 50_000_000L;

    private final LongAdder bufferFull = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private final AtomicLong commitNanos = new AtomicLong();
    // written by the consumer thread only
    private long lastIn;
    private long firstIn;
    private long messagesIn;
    private final StringBuffer stallAt = new StringBuffer();
    private volatile long stalls;
    private volatile long stallNanos;

    @Override
    public void onMessageIn(TP tp, long offset, Message message) {
        long now = System.nanoTime();
        if (firstIn == 0) {
            firstIn = now;
        }
        if (lastIn != 0 && now - lastIn >= STALL_NANOS) {
            stalls++;
            stallNanos += now - lastIn;
            if (stalls <= 5) {      // where the first few were: at the start, at a commit, or anywhere
                stallAt.append(String.format(Locale.ROOT, " [%.0f ms after the first message, after %,d messages, for %.0f ms]",
                        (lastIn - firstIn) / 1e6, messagesIn, (now - lastIn) / 1e6));
            }
        }
        messagesIn++;
        lastIn = now;
    }

    @Override
    public void onTopicBufferFull(String channel) {
        bufferFull.increment();
    }

    @Override
    public @Nullable Object onCommitInitiated() {
        return System.nanoTime();
    }

    @Override
    public void onCommitCompleted(@Nullable Object state) {
        commits.increment();
        if (state instanceof Long start) {
            commitNanos.addAndGet(System.nanoTime() - start);
        }
    }

    @Override
    public String toString() {
        long n = commits.sum();
        return String.format(Locale.ROOT,
                "consumer stalls >= 50 ms: %d, %.2f s in all%s; stream buffer full %,d times; %,d commits, %.1f ms each, %.2f s in all",
                stalls, stallNanos / 1e9, stallAt, bufferFull.sum(), n, n == 0 ? 0.0 : commitNanos.get() / 1e6 / n, commitNanos.get() / 1e9);
    }
}
