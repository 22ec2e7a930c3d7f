package faust.internal;

import faust.stream.Message;
import faust.topic.TP;
import faust.topic.internal.AbstractChannel;
import faust.transport.RebalanceListener;
import faust.transport.TpBatch;
import faust.transport.TransportConsumer;
import faust.transport.internal.AckTracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns the transport consumer: polls, routes batches to channel buffers,
 * pauses partitions whose buffers are full and resumes them when drained, and commits acked
 * offsets up to the first gap every {@code broker_commit_interval} or {@code broker_commit_every}
 * acks. On revocation it drops buffered events, waits for streams to finish the events in hand,
 * and commits before letting the partitions go.
 */
public final class ConsumerLoop implements RebalanceListener {
    private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration POLL_PAUSED = Duration.ofMillis(10);

    /** What the app does around rebalances. */
    public interface Hooks {
        /** @param revoked partitions leaving this worker */
        void onRevoked(Set<TP> revoked);

        /** @param assigned partitions now owned */
        void onAssigned(Set<TP> assigned);

        /** @return whether every stream has finished the events in hand */
        boolean streamsIdle();
    }

    private final AppRuntime rt;
    private final Hooks hooks;
    private final AckTracker acks = new AckTracker();
    private final Set<TP> based = ConcurrentHashMap.newKeySet();
    private final Map<TP, Set<AbstractChannel<?, ?>>> pausedBy = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile @Nullable TransportConsumer consumer;
    private volatile Set<TP> assignment = Set.of();
    private long lastCommitNanos = System.nanoTime();
    private final long commitIntervalNanos;
    private final int commitEvery;
    private @Nullable Object rebalanceState;

    ConsumerLoop(AppRuntime rt, Hooks hooks) {
        this.rt = rt;
        this.hooks = hooks;
        this.commitIntervalNanos = rt.settings().brokerCommitInterval().toNanos();
        this.commitEvery = rt.settings().brokerCommitEvery();
        this.thread = Thread.ofPlatform().name("faust-consumer-" + rt.settings().id()).daemon(true).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** @return the partitions assigned now */
    public Set<TP> assignment() {
        return assignment;
    }

    /** Makes the loop look at subscriptions and drained buffers now. */
    public void wakeup() {
        TransportConsumer c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    void stop() {
        running = false;
        wakeup();
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        TransportConsumer c = rt.transport().createConsumer(rt.settings().id(), rt.settings().brokerClientId(), this::onAcked,
                rt::generation);
        consumer = c;
        try {
            rt.conductor().takeChanged();
            subscribe(c);
            while (running) {
                if (rt.conductor().takeChanged()) {
                    subscribe(c);
                }
                List<TpBatch> batches = c.poll(pausedBy.isEmpty() ? POLL : POLL_PAUSED);
                for (TpBatch b : batches) {
                    deliver(c, b);
                }
                if (!pausedBy.isEmpty()) {
                    resumeDrained(c);
                }
                maybeCommit(c);
            }
            commit(c);
        } catch (RuntimeException e) {
            log.error("[{}] consumer thread failed; no more messages will be read", rt.settings().id(), e);
        } finally {
            consumer = null;
            c.close();
        }
    }

    private void subscribe(TransportConsumer c) {
        Set<String> names = new HashSet<>(rt.conductor().topicNames());
        log.info("[{}] subscribing to {}{}", rt.settings().id(), names,
                rt.conductor().pattern() == null ? "" : " and pattern " + rt.conductor().pattern());
        c.subscribe(names, rt.conductor().pattern(), this);
    }

    private void deliver(TransportConsumer c, TpBatch b) {
        TP tp = b.tp();
        Message[] msgs = b.messages();
        if (msgs.length == 0) {
            return;
        }
        if (based.add(tp)) {
            acks.assign(tp, msgs[0].offset() - 1);   // never committed: the first fetched offset is the base
        }
        var sensors = rt.sensors();
        sensors.onMessagesIn(tp, msgs);     // the Monitor counts the batch at once; other sensors get each message
        AbstractChannel<?, ?>[] channels = rt.conductor().channelsFor(tp.topic());
        if (channels.length == 0) {
            for (Message m : msgs) {
                m.incref(1);
                m.ack();
            }
            return;
        }
        for (Message m : msgs) {
            m.incref(channels.length);
        }
        for (AbstractChannel<?, ?> ch : channels) {
            if (ch.deliver(msgs)) {
                ch.queue().onDrain(this::wakeup);
                pausedBy.computeIfAbsent(tp, k -> new HashSet<>()).add(ch);
                c.pause(List.of(tp));
                sensors.onTopicBufferFull(ch.label());
            }
        }
    }

    private void resumeDrained(TransportConsumer c) {
        List<TP> resume = new ArrayList<>();
        pausedBy.entrySet().removeIf(e -> {
            for (AbstractChannel<?, ?> ch : e.getValue()) {
                if (ch.queue().size() >= ch.queue().maxsize()) {
                    return false;
                }
            }
            resume.add(e.getKey());
            return true;
        });
        if (!resume.isEmpty()) {
            c.resume(resume);
        }
    }

    private void onAcked(Message m) {
        if (m.generation() == rt.generation()) {
            acks.ack(m.tp(), m.offset());
        }
        rt.sensors().onMessageOut(m.tp(), m.offset(), m);
    }

    private void maybeCommit(TransportConsumer c) {
        if (System.nanoTime() - lastCommitNanos >= commitIntervalNanos || acks.acksSinceCommit() >= commitEvery) {
            commit(c);
        }
    }

    private void commit(TransportConsumer c) {
        lastCommitNanos = System.nanoTime();
        Map<TP, Long> offsets = acks.commitOffsets();
        if (offsets.isEmpty()) {
            return;
        }
        Object state = rt.sensors().onCommitInitiated();
        try {
            rt.producer().flush();     // what agents sent for these events is durable before their offsets are
            c.commit(offsets);
            acks.markCommitted(offsets);
            offsets.forEach(rt.monitor()::setCommittedOffset);
            rt.sensors().onCommitCompleted(state);
        } catch (RuntimeException e) {
            log.warn("[{}] commit of {} failed; will retry at the next commit", rt.settings().id(), offsets, e);
        }
    }

    @Override
    public void onPartitionsRevoked(Set<TP> revoked) {
        rebalanceState = rt.sensors().onRebalanceStart();
        rt.nextGeneration();
        log.info("[{}] partitions revoked: {}", rt.settings().id(), new java.util.TreeSet<>(revoked));
        for (AbstractChannel<?, ?> ch : rt.conductor().channels()) {
            ch.queue().clear();        // not acked: the partitions' next owner reads them again
        }
        pausedBy.clear();
        if (rt.settings().streamWaitEmpty()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!hooks.streamsIdle() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        TransportConsumer c = consumer;
        if (c != null) {
            commit(c);
        }
        for (TP tp : revoked) {
            acks.revoke(tp);
            based.remove(tp);
        }
        assignment = Set.of();
        hooks.onRevoked(revoked);
        rt.sensors().onRebalanceReturn(rebalanceState);
    }

    @Override
    public void onPartitionsAssigned(Set<TP> assigned) {
        Object state = rebalanceState != null ? rebalanceState : rt.sensors().onRebalanceStart();
        Object assignState = rt.sensors().onAssignmentStart();
        log.info("[{}] partitions assigned: {}", rt.settings().id(), new java.util.TreeSet<>(assigned));
        TransportConsumer c = consumer;
        if (c != null) {
            Map<TP, Long> committed = c.committed(assigned);
            for (TP tp : assigned) {
                Long off = committed.get(tp);
                if (off != null) {
                    acks.assign(tp, off - 1);
                    based.add(tp);
                }
            }
            c.endOffsets(assigned).forEach(rt.monitor()::trackTpEndOffset);
        }
        assignment = Set.copyOf(assigned);
        try {
            hooks.onAssigned(assigned);
            rt.sensors().onAssignmentCompleted(assignState);
        } catch (RuntimeException e) {
            rt.sensors().onAssignmentError(assignState, e);
            log.error("[{}] partition assignment callback failed", rt.settings().id(), e);
        }
        rt.sensors().onRebalanceEnd(state);
        rebalanceState = null;
    }
}
