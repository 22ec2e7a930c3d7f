package faust.internal;

import faust.topic.TP;
import faust.stream.internal.AbstractChannel;
import faust.stream.internal.EventQueue;
import faust.transport.TransportConsumer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Back-pressure for the {@link ConsumerLoop}: when a stream buffer is full, the partitions that
 * feed it are paused; once every buffer a partition was paused for has drained to half, the
 * partition is resumed. Called on the consumer thread only.
 */
final class BackPressure {
    private final Conductor conductor;
    /** Paused partitions, and the full buffers each waits for. */
    private final Map<TP, Set<EventQueue>> pausedBy = new HashMap<>();

    BackPressure(Conductor conductor) {
        this.conductor = conductor;
    }

    /** @return whether any partition is paused for a full buffer */
    boolean any() {
        return !pausedBy.isEmpty();
    }

    /**
     * A delivery from {@code tp} filled {@code full}: pauses the partitions feeding it.
     *
     * @param assignment the partitions assigned now
     */
    void full(TransportConsumer c, AbstractChannel<?, ?> ch, EventQueue full, TP tp, Set<TP> assignment) {
        List<TP> feeding = feeding(ch, full, tp, assignment);
        for (TP p : feeding) {
            pausedBy.computeIfAbsent(p, k -> new HashSet<>()).add(full);
        }
        c.pause(feeding);
    }

    /**
     * The partitions that feed a full buffer: every assigned partition the channel reads when it is
     * the channel's shared buffer (pausing only the one that overflowed lets the others keep filling
     * it, and they then finish unevenly), or just the partition for a per-partition buffer.
     */
    private List<TP> feeding(AbstractChannel<?, ?> ch, EventQueue full, TP tp, Set<TP> assignment) {
        if (full != ch.queue()) {
            return List.of(tp);
        }
        List<TP> out = new ArrayList<>();
        for (TP p : assignment) {
            for (AbstractChannel<?, ?> other : conductor.channelsFor(p.topic())) {
                if (other == ch) {
                    out.add(p);
                    break;
                }
            }
        }
        if (!out.contains(tp)) {
            out.add(tp);
        }
        return out;
    }

    /** Resumes the partitions whose buffers have all drained to half or less. */
    void resumeDrained(TransportConsumer c) {
        List<TP> resume = new ArrayList<>();
        pausedBy.entrySet().removeIf(e -> {
            for (EventQueue q : e.getValue()) {
                if (q.size() > q.maxsize() / 2) {
                    return false;      // hysteresis: resume at half, not at the first free slot, so fetches stay large
                }
            }
            resume.add(e.getKey());
            return true;
        });
        if (!resume.isEmpty()) {
            c.resume(resume);
        }
    }

    /** Resumes every partition paused here (the buffers were emptied: a rewind). */
    void resumeAll(TransportConsumer c) {
        if (!pausedBy.isEmpty()) {
            c.resume(new ArrayList<>(pausedBy.keySet()));
            pausedBy.clear();
        }
    }

    /** Forgets every pause (the partitions were revoked). */
    void clear() {
        pausedBy.clear();
    }
}
