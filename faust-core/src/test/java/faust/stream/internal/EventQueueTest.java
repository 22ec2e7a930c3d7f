package faust.stream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import faust.stream.Headers;
import faust.testing.Await;
import faust.topic.TP;
import faust.transport.TrackedMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The buffer between the consumer thread and a channel's streams. */
class EventQueueTest {
    private static final TP TP0 = new TP("in", 0);

    private static EventImpl<?, ?>[] events(long first, int n) {
        EventImpl<?, ?>[] out = new EventImpl<?, ?>[n];
        for (int i = 0; i < n; i++) {
            out[i] = new EventImpl<>(null, "v", Headers.empty(), new TrackedMessage(TP0, first + i, 1L, null, new byte[] {1},
                    Headers.empty(), null, 0), null);
        }
        return out;
    }

    /**
     * Takes on a virtual thread, as agents do, and returns once that thread waits inside take (so a
     * test asserts on a thread that is parked, not one that has not started yet); the future gives
     * the chunk's first offset, or -1 for none.
     */
    private static CompletableFuture<Long> takeOnVirtualThread(EventQueue q, long timeoutNanos) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        Thread taker = Thread.ofVirtual().start(() -> {
            try {
                EventQueue.Chunk c = q.take(Integer.MAX_VALUE, timeoutNanos);
                result.complete(c == null ? -1L : c.events()[c.start()].message().offset());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        Await.until(Duration.ofSeconds(5), () -> result.isDone() || taker.getState() == Thread.State.WAITING
                || taker.getState() == Thread.State.TIMED_WAITING, "the taker to park in take");
        return result;
    }

    @Test
    void a_take_without_a_deadline_waits_until_events_arrive() throws Exception {
        EventQueue q = new EventQueue(10);
        CompletableFuture<Long> taken = takeOnVirtualThread(q, Long.MAX_VALUE);
        assertThat(taken).as("nothing to take yet: the taker is parked").isNotDone();

        q.put(events(7, 3), 0, 3);

        assertThat(taken.get(5, TimeUnit.SECONDS)).isEqualTo(7L);
        assertThat(q.size()).isZero();
    }

    @Test
    void a_take_without_a_deadline_ends_with_null_when_the_queue_closes() throws Exception {
        EventQueue q = new EventQueue(10);
        CompletableFuture<Long> taken = takeOnVirtualThread(q, Long.MAX_VALUE);
        assertThat(taken).as("the taker is parked").isNotDone();

        q.close();

        assertThat(taken.get(5, TimeUnit.SECONDS)).isEqualTo(-1L);
    }

    @Test
    void a_take_with_a_deadline_gives_up_after_it() throws Exception {
        EventQueue q = new EventQueue(10);
        long t0 = System.nanoTime();

        assertThat(takeOnVirtualThread(q, Duration.ofMillis(100).toNanos()).get(5, TimeUnit.SECONDS)).isEqualTo(-1L);
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
    }

    @Test
    void a_full_buffer_says_so_and_calls_the_drain_listener_once_it_is_below_half() throws Exception {
        EventQueue q = new EventQueue(4);
        AtomicInteger drained = new AtomicInteger();
        q.onDrain(drained::incrementAndGet);

        assertThat(q.put(events(0, 2), 0, 2)).isFalse();
        assertThat(q.put(events(2, 2), 0, 2)).as("4 of 4").isTrue();
        q.take(1, 0);
        assertThat(drained).as("3 left: not below half yet").hasValue(0);
        q.take(2, 0);
        assertThat(drained).as("2 left: below half").hasValue(1);
    }
}
