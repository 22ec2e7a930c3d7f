package faust.internal;

import faust.stream.internal.AbstractChannel;
import faust.topic.TP;
import faust.transport.RebalanceListener;
import faust.transport.TransportConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the consumer loop does when partitions move, on the consumer thread inside
 * {@code poll}. On revocation it drops buffered events, has the {@link Committer} commit what
 * the streams have finished, moves to the next generation and forgets the partitions; on
 * assignment it learns the end offsets and pauses the leader-election partition. The app is told
 * both through the {@link ConsumerLoop.Hooks}.
 */
final class RebalanceHandler implements RebalanceListener {
    private static final Logger log = LoggerFactory.getLogger(RebalanceHandler.class);

    private final AppRuntime rt;
    private final ConsumerLoop.Hooks hooks;
    private final PartitionGate gate;
    private final Supplier<@Nullable TransportConsumer> consumer;
    private final Committer committer;
    private final FetchTracker fetch;
    private final BackPressure backPressure;
    private volatile Set<TP> assignment = Set.of();
    /** Whether partitions were assigned at least once and none are being revoked now. */
    private volatile boolean hasAssignment;
    private @Nullable Object rebalanceState;

    RebalanceHandler(AppRuntime rt, ConsumerLoop.Hooks hooks, PartitionGate gate, Supplier<@Nullable TransportConsumer> consumer,
                     Committer committer, FetchTracker fetch, BackPressure backPressure) {
        this.rt = rt;
        this.hooks = hooks;
        this.gate = gate;
        this.consumer = consumer;
        this.committer = committer;
        this.fetch = fetch;
        this.backPressure = backPressure;
    }

    /** @return the partitions assigned now; thread-safe */
    Set<TP> assignment() {
        return assignment;
    }

    /** @return whether the consumer has its assignment: it joined the group and no rebalance is under way here */
    boolean assigned() {
        return hasAssignment;
    }

    @Override
    public void onPartitionsRevoked(Set<TP> revoked) {
        hasAssignment = false;
        rebalanceState = rt.sensors().onRebalanceStart();
        log.info("[{}] partitions revoked: {}", rt.settings().id(), new TreeSet<>(revoked));
        for (AbstractChannel<?, ?> ch : rt.conductor().channels()) {
            ch.clearBuffers();        // not acked: the partitions' next owner reads them again
        }
        backPressure.clear();
        TransportConsumer c = consumer.get();
        if (c != null) {
            // every event finished by now is committed; only then is the generation bumped, so that
            // no finished event's ack is lost
            committer.onRevoke(c, rt::nextGeneration);
        } else {
            rt.nextGeneration();
        }
        rt.publisher().attachments().discard(revoked, "partitions revoked");
        for (TP tp : revoked) {
            fetch.forget(tp);
        }
        assignment = Set.of();
        gate.onRevoked(revoked);
        hooks.onRevoked(revoked);
        rt.sensors().onRebalanceReturn(rebalanceState);
    }

    @Override
    public void onPartitionsAssigned(Set<TP> assigned) {
        Object state = rebalanceState != null ? rebalanceState : rt.sensors().onRebalanceStart();
        Object assignState = rt.sensors().onAssignmentStart();
        log.info("[{}] partitions assigned: {}", rt.settings().id(), new TreeSet<>(assigned));
        TransportConsumer c = consumer.get();
        if (c != null) {
            // No committed offsets are asked for here: each partition's ack tracking starts at the
            // first record fetched from it (FetchTracker). Reading starts at the committed offset, and
            // any offset between it and that record (a transaction marker, an aborted or
            // compacted-away record) will never be delivered, so it is as good as committed.
            c.endOffsets(assigned).forEach(rt.monitor()::trackTpEndOffset);
            pauseLeaderPartition(c, assigned);
            Set<TP> held = gate.onAssigned(assigned, c.standbyAssignment());     // tables recover first; their partitions resume after
            if (!held.isEmpty()) {
                c.pause(held);
            }
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
        hasAssignment = true;
    }

    /**
     * The leader-election partition is assigned for the election only; its records are never read.
     * Left fetchable it is often the only partition a fetch asks for (the others being buffered or
     * paused), and the broker then holds that fetch for {@code fetch.max.wait.ms} while no other
     * partition on the broker can be fetched: on one broker that capped throughput at about 73k
     * messages/s (the experiments in {@code git show 688b42f:docs/benchmarks.md}). Paused here, it stays paused: {@link BackPressure} only
     * resumes partitions it paused.
     */
    private void pauseLeaderPartition(TransportConsumer c, Set<TP> assigned) {
        String leader = LeaderElection.topicName(rt.settings().id());
        List<TP> tps = new ArrayList<>();
        for (TP tp : assigned) {
            if (tp.topic().equals(leader)) {
                tps.add(tp);
            }
        }
        if (!tps.isEmpty()) {
            c.pause(tps);
        }
    }
}
