package faust.agent.internal;

import faust.stream.internal.AbstractChannel;
import faust.stream.internal.EventQueue;
import faust.topic.TP;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * {@code isolated_partitions}: one buffer and one actor per assigned partition of the agent's
 * topics. The channel routes each fetched batch to its partition's buffer through this object;
 * actors come and go with the assignment.
 */
final class PartitionActors implements AbstractChannel.PartitionBuffers {
    private final int maxsize;
    private final Map<TP, EventQueue> queues = new ConcurrentHashMap<>();
    private final Map<TP, Actor<?, ?>> actors = new ConcurrentHashMap<>();

    /** @param maxsize each partition buffer's size before back-pressure */
    PartitionActors(int maxsize) {
        this.maxsize = maxsize;
    }

    @Override
    public EventQueue apply(TP tp) {
        return queues.computeIfAbsent(tp, k -> new EventQueue(maxsize));
    }

    @Override
    public void clearAll() {
        queues.values().forEach(EventQueue::clear);
    }

    /** @return whether the partition has its actor */
    boolean has(TP tp) {
        return actors.containsKey(tp);
    }

    /** Records the partition's new actor. */
    void put(TP tp, Actor<?, ?> actor) {
        actors.put(tp, actor);
    }

    /** @return whether {@code actor} was the partition's actor, now forgotten */
    boolean remove(TP tp, Actor<?, ?> actor) {
        return actors.remove(tp, actor);
    }

    /**
     * Forgets a revoked partition: its buffer is emptied (its events are read again by the next
     * owner).
     *
     * @return its actor, for the caller to stop, or null
     */
    @Nullable Actor<?, ?> revoke(TP tp) {
        EventQueue q = queues.remove(tp);
        if (q != null) {
            q.clear();
        }
        return actors.remove(tp);
    }

    /** @return the partitions that have an actor now */
    Set<TP> partitions() {
        return Set.copyOf(actors.keySet());
    }

    /** @return the partitions that had an actor, all forgotten now */
    List<TP> clear() {
        List<TP> owned = List.copyOf(actors.keySet());
        actors.clear();
        return owned;
    }
}
