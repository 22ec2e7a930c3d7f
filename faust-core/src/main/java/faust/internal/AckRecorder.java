package faust.internal;

import faust.topic.TP;
import faust.transport.TrackedMessage;
import faust.transport.internal.AckTracker;

/**
 * Told, on the streams' threads, when every stream that received a message is done with it:
 * records the offset as processed (unless it was fetched before the last rebalance or rewind) and
 * tells the sensors.
 */
final class AckRecorder implements TrackedMessage.AckListener {
    private final AppRuntime rt;
    private final AckTracker acks;
    /** Each stream thread's scratch space for the offsets of a run of acks; grown when a run is longer. */
    private final ThreadLocal<long[]> ackOffsets = ThreadLocal.withInitial(() -> new long[64]);

    AckRecorder(AppRuntime rt, AckTracker acks) {
        this.rt = rt;
        this.acks = acks;
    }

    @Override
    public void onAcked(TrackedMessage m) {
        if (m.generation() == rt.generation()) {
            acks.ack(m.tp(), m.offset());
        }
        rt.sensors().onMessageOut(m.tp(), m.offset(), m);
    }

    /** A stream's run of finished messages: the offsets of each partition recorded under one lock. */
    @Override
    public void onAckedAll(TrackedMessage[] ms, int from, int to) {
        int generation = rt.generation();
        long[] offsets = ackOffsets.get();
        if (offsets.length < to - from) {
            offsets = new long[to - from];
            ackOffsets.set(offsets);
        }
        int i = from;
        while (i < to) {
            TP tp = ms[i].tp();
            int n = 0;
            for (; i < to && (ms[i].tp() == tp || ms[i].tp().equals(tp)); i++) {     // a fetched batch shares one TP
                if (ms[i].generation() == generation) {
                    offsets[n++] = ms[i].offset();
                }
            }
            if (n > 0) {
                acks.ackAll(tp, offsets, n);
            }
        }
        rt.sensors().onMessagesOut(ms, from, to);
    }
}
