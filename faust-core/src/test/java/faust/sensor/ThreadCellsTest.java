package faust.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThreadCellsTest {
    private final ThreadCells cells = new ThreadCells();

    private static Thread run(String name, Runnable body) {
        Thread t = Thread.ofPlatform().name(name).start(body);
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return t;
    }

    @Test
    void sums_every_threads_cell_and_keeps_gauges_as_in_minus_out() throws InterruptedException {
        ThreadCell mine = cells.register();
        mine.addMessagesIn(5);
        mine.incEventsIn();
        mine.stream("agent-a-0").increment();
        Thread other = Thread.ofPlatform().name("agent-b").unstarted(() -> {
            ThreadCell cell = cells.register();
            cell.addMessagesOut(1);
            cell.addMessagesOut(1);
            cell.incEventsIn();
            cell.incEventsIn();
            cell.incEventsOut();
            cell.stream("agent-a-0").increment();
            cell.stream("agent-b-0").increment();
        });
        CountDownLatch hold = new CountDownLatch(1);
        CountDownLatch registered = new CountDownLatch(1);
        Thread.ofPlatform().name("alive").start(() -> {
            cells.register().addMessagesIn(1);
            registered.countDown();
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        other.start();
        try {
            other.join();
            registered.await();
            assertThat(cells.messagesReceivedTotal()).isEqualTo(6);
            assertThat(cells.messagesActive()).isEqualTo(4);
            assertThat(cells.eventsTotal()).isEqualTo(3);
            assertThat(cells.eventsActive()).isEqualTo(2);
            assertThat(cells.eventsByTask()).containsExactly(
                    Map.entry("agent-b", 2L), Map.entry(Thread.currentThread().getName(), 1L));
            assertThat(cells.eventsByStream()).containsExactly(Map.entry("agent-a-0", 2L), Map.entry("agent-b-0", 1L));
        } finally {
            hold.countDown();
        }
    }

    @Test
    void cells_of_ended_threads_are_folded_without_losing_counts() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            run("short-" + (i % 2), () -> {
                ThreadCell cell = cells.register();
                cell.addMessagesIn(3);
                cell.addMessagesOut(1);
                cell.incEventsIn();
                cell.stream("s").increment();
            });
        }
        // 20 ended threads, folded when read (and when later threads register): nothing is kept per thread.
        assertThat(cells.messagesReceivedTotal()).isEqualTo(60);
        assertThat(cells.cellCount()).isZero();
        assertThat(cells.messagesActive()).isEqualTo(40);
        assertThat(cells.eventsTotal()).isEqualTo(20);
        assertThat(cells.eventsActive()).isEqualTo(20);
        assertThat(cells.eventsByTask()).containsExactly(Map.entry("short-0", 10L), Map.entry("short-1", 10L));
        assertThat(cells.eventsByStream()).containsExactly(Map.entry("s", 20L));
    }

    @Test
    void threads_that_took_no_event_are_not_tasks() {
        run("consumer", () -> cells.register().addMessagesIn(2048));
        assertThat(cells.eventsByTask()).isEmpty();
        assertThat(cells.messagesReceivedTotal()).isEqualTo(2048);
    }

    @Test
    void concurrent_writers_and_a_reader_never_see_more_acked_than_read() throws InterruptedException {
        int perThread = 200_000;
        ThreadCell[] consumer = new ThreadCell[1];
        // A consumer counts messages in; an agent counts the same messages out after it saw them counted in.
        var handedOver = new AtomicLong();
        var stop = new AtomicBoolean();
        var failure = new AtomicReference<String>();
        Thread producer = Thread.ofPlatform().name("consumer").start(() -> {
            consumer[0] = cells.register();
            for (int i = 0; i < perThread; i++) {
                consumer[0].addMessagesIn(1);
                consumer[0].incEventsIn();
                handedOver.incrementAndGet();      // publishes the count, like the channel buffer's lock
            }
        });
        Thread agent = Thread.ofPlatform().name("agent").start(() -> {
            ThreadCell cell = cells.register();
            long done = 0;
            while (done < perThread) {
                if (handedOver.get() > done) {
                    cell.addMessagesOut(1);
                    cell.incEventsOut();
                    done++;
                }
            }
        });
        Thread reader = Thread.ofPlatform().name("reader").start(() -> {
            while (!stop.get()) {
                long active = cells.messagesActive();
                long events = cells.eventsActive();
                if (active < 0 || events < 0) {
                    failure.set("negative gauge: messagesActive=" + active + ", eventsActive=" + events);
                }
            }
        });
        producer.join();
        agent.join();
        stop.set(true);
        reader.join();

        assertThat(failure.get()).isNull();
        assertThat(cells.messagesReceivedTotal()).isEqualTo(perThread);
        assertThat(cells.messagesActive()).isZero();
        assertThat(cells.eventsTotal()).isEqualTo(perThread);
        assertThat(cells.eventsActive()).isZero();
    }

    @Test
    void many_concurrent_writers_sum_exactly() throws InterruptedException {
        int threads = 6;
        int perThread = 100_000;
        var go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().name("w-" + t).start(() -> {
                ThreadCell cell = cells.register();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    cell.addMessagesIn(1);
                    cell.incEventsIn();
                    cell.stream("shared").increment();
                    cell.incEventsOut();
                }
            }));
        }
        go.countDown();
        long seenWhileRunning = 0;
        while (seenWhileRunning < (long) threads * perThread && workers.stream().anyMatch(Thread::isAlive)) {
            seenWhileRunning = cells.eventsTotal();     // reads race the writers and must never overshoot
            assertThat(seenWhileRunning).isLessThanOrEqualTo((long) threads * perThread);
        }
        for (Thread w : workers) {
            w.join();
        }
        assertThat(cells.messagesReceivedTotal()).isEqualTo((long) threads * perThread);
        assertThat(cells.eventsByStream()).containsExactly(Map.entry("shared", (long) threads * perThread));
        assertThat(cells.eventsByTask()).hasSize(threads).containsEntry("w-3", (long) perThread);
        assertThat(cells.eventsActive()).isZero();
    }
}
