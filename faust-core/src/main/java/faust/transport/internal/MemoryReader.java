package faust.transport.internal;

import faust.topic.TP;
import faust.transport.TpBatch;
import faust.transport.TrackedMessage;
import faust.transport.TransportReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads memory-broker partitions from chosen offsets. It sees what a read-committed consumer
 * sees; on a broker used without transactions that is every record.
 */
final class MemoryReader implements TransportReader {
    private static final int MAX_BATCH = 1000;
    private final MemoryBroker broker;
    private final boolean readCommitted;
    private final Map<TP, Long> positions = new LinkedHashMap<>();

    MemoryReader(MemoryBroker broker, boolean readCommitted) {
        this.broker = broker;
        this.readCommitted = readCommitted;
    }

    @Override
    public void assign(Set<TP> partitions) {
        positions.keySet().retainAll(partitions);
        for (TP tp : partitions) {
            positions.putIfAbsent(tp, 0L);
        }
    }

    @Override
    public void seek(TP tp, long offset) {
        if (!positions.containsKey(tp)) {
            throw new IllegalStateException("partition " + tp + " is not assigned to this reader");
        }
        positions.put(tp, Math.max(0, offset));
    }

    @Override
    public long position(TP tp) {
        Long p = positions.get(tp);
        if (p == null) {
            throw new IllegalStateException("partition " + tp + " is not assigned to this reader");
        }
        return p;
    }

    @Override
    public List<TpBatch> poll(Duration timeout) {
        List<TpBatch> out = new ArrayList<>();
        for (Map.Entry<TP, Long> e : positions.entrySet()) {
            List<TrackedMessage> msgs = broker.visible(e.getKey(), e.getValue());
            if (msgs.size() > MAX_BATCH) {
                msgs = msgs.subList(0, MAX_BATCH);
            }
            long end = broker.visibleEnd(e.getKey(), true);
            if (!msgs.isEmpty()) {
                out.add(new TpBatch(e.getKey(), msgs.toArray(TrackedMessage[]::new), end));
                e.setValue(msgs.get(msgs.size() - 1).offset() + 1);
            } else if (end > e.getValue()) {
                e.setValue(end);      // only aborted records between: past them, as a read-committed consumer goes
            }
        }
        if (out.isEmpty()) {
            try {
                Thread.sleep(Math.min(timeout.toMillis(), 5));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        return out;
    }

    @Override
    public Map<TP, Long> endOffsets(Set<TP> partitions) {
        Map<TP, Long> out = new HashMap<>();
        for (TP tp : partitions) {
            out.put(tp, broker.visibleEnd(tp, readCommitted));
        }
        return out;
    }

    @Override
    public Map<TP, Long> beginningOffsets(Set<TP> partitions) {
        Map<TP, Long> out = new HashMap<>();
        for (TP tp : partitions) {
            out.put(tp, 0L);
        }
        return out;
    }

    @Override
    public void close() {
        positions.clear();
    }
}
