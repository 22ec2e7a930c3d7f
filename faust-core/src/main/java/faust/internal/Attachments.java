package faust.internal;

import faust.errors.FaustException;
import faust.stream.Headers;
import faust.topic.RecordMetadata;
import faust.topic.TP;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * {@code stream_publish_on_commit}: sends made while processing an event are held, attached to
 * the event's source offset, and published just before that offset is committed. Output then
 * leaves the worker in commit-sized bursts, only for events that are done.
 *
 * <p>Thread-safe: agents attach, the consumer thread takes and discards.
 */
final class Attachments {
    /** A held send. */
    record Pending(String topic, @Nullable Integer partition, @Nullable Long timestamp, byte @Nullable [] key,
                   byte @Nullable [] value, Headers headers, CompletableFuture<RecordMetadata> result) {}

    private final Map<TP, NavigableMap<Long, Queue<Pending>>> byTp = new ConcurrentHashMap<>();

    /**
     * Holds a send until the source offset is committed.
     *
     * @return completes when the message is published
     */
    CompletableFuture<RecordMetadata> attach(TP source, long offset, String topic, @Nullable Integer partition,
                                             @Nullable Long timestamp, byte @Nullable [] key, byte @Nullable [] value,
                                             Headers headers) {
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        byTp.computeIfAbsent(source, k -> new ConcurrentSkipListMap<>())
                .computeIfAbsent(offset, k -> new ConcurrentLinkedQueue<>())
                .add(new Pending(topic, partition, timestamp, key, value, headers, result));
        return result;
    }

    /**
     * Removes and returns, in source-offset order, the sends of events below each commit offset.
     *
     * @param commitOffsets next offset to read, per partition
     * @return the sends to publish now
     */
    List<Pending> takeBefore(Map<TP, Long> commitOffsets) {
        List<Pending> out = new ArrayList<>();
        commitOffsets.forEach((tp, next) -> {
            NavigableMap<Long, Queue<Pending>> m = byTp.get(tp);
            if (m == null) {
                return;
            }
            NavigableMap<Long, Queue<Pending>> head = m.headMap(next, false);
            for (Queue<Pending> q : head.values()) {
                out.addAll(q);
            }
            head.clear();
        });
        return out;
    }

    /**
     * Drops held sends of partitions whose events will be processed again (rebalance, rewind).
     *
     * @param partitions the partitions
     * @param reason why, for the failed futures
     */
    void discard(Collection<TP> partitions, String reason) {
        for (TP tp : partitions) {
            NavigableMap<Long, Queue<Pending>> m = byTp.remove(tp);
            if (m != null) {
                FaustException e = new FaustException("send held for stream_publish_on_commit was dropped (" + reason
                        + "); the event that made it will be processed again");
                m.values().forEach(q -> q.forEach(p -> p.result().completeExceptionally(e)));
            }
        }
    }

    /** @return whether nothing is held */
    boolean isEmpty() {
        return byTp.values().stream().allMatch(Map::isEmpty);
    }
}
