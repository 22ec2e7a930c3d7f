package faust.stream.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * What the streams of one agent actor (or one standalone stream) share: the stop signal, the
 * agent prefix used to name repartition topics, the concurrency that forbids
 * {@code through}/{@code groupBy}, and the background threads those operators start.
 */
public final class StreamContext {
    private final @Nullable String prefix;
    private final int concurrency;
    private volatile boolean stopped;
    private final List<EventQueue> queues = new CopyOnWriteArrayList<>();
    private final List<Thread> drainers = new CopyOnWriteArrayList<>();
    private final List<Cursor> cursors = new CopyOnWriteArrayList<>();
    private volatile @Nullable Object isolatedChannel;
    private volatile @Nullable EventQueue isolatedQueue;

    /**
     * @param prefix agent name used to prefix repartition topics, or null
     * @param concurrency agent concurrency (through/groupBy need 1)
     */
    public StreamContext(@Nullable String prefix, int concurrency) {
        this.prefix = prefix;
        this.concurrency = concurrency;
    }

    /** @return the agent prefix or null */
    public @Nullable String prefix() {
        return prefix;
    }

    /** @return the agent concurrency */
    public int concurrency() {
        return concurrency;
    }

    /** @return whether stop was called */
    public boolean stopped() {
        return stopped;
    }

    /**
     * Makes streams of this context read {@code channel} from {@code queue} (one partition's
     * buffer) instead of the channel's shared buffer: {@code isolated_partitions}.
     *
     * @param channel the agent's channel
     * @param queue the partition's buffer
     */
    public void isolate(Object channel, EventQueue queue) {
        isolatedQueue = queue;
        isolatedChannel = channel;
    }

    /**
     * @param channel a channel read by a stream of this context
     * @param shared the channel's shared buffer
     * @return the buffer this context reads the channel from
     */
    EventQueue queueOf(Object channel, EventQueue shared) {
        EventQueue q = isolatedQueue;
        return q != null && channel == isolatedChannel ? q : shared;
    }

    void register(EventQueue queue, Cursor cursor) {
        queues.add(queue);
        cursors.add(cursor);
    }

    void addDrainer(Thread t) {
        drainers.add(t);
    }

    /** @return whether every stream of this context is waiting for events (nothing in hand) */
    public boolean idle() {
        for (Cursor c : cursors) {
            if (!c.idle()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Gives back every event the streams of this context took but did not start, so a restarted
     * actor processes them. Call from the actor thread after its function ended.
     */
    public void returnLeftovers() {
        for (Cursor c : cursors) {
            c.returnLeftovers();
        }
    }

    /**
     * Reports as acked the events that the calling thread's streams of this context finished but
     * still hold to report as one run. Call when the thread stops iterating without reaching the
     * end of its streams (an agent function that returned or threw, a drainer that failed):
     * otherwise those offsets would never become committable.
     */
    public void reportAcks() {
        Thread me = Thread.currentThread();
        for (Cursor c : cursors) {
            if (c.user() == me) {
                c.reportAcks();
            }
        }
    }

    /** Stops every stream of this context: iteration ends at the next event boundary. */
    public void stop() {
        stopped = true;
        for (Thread t : drainers) {
            t.interrupt();
        }
        for (Cursor c : cursors) {
            c.wake();
        }
    }
}
