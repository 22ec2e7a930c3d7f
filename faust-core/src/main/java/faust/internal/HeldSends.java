package faust.internal;

import faust.errors.FaustException;
import faust.stream.Headers;
import faust.topic.RecordMetadata;
import faust.transport.TransportProducer;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.StampedLock;
import org.jspecify.annotations.Nullable;

/**
 * Exactly-once: lets agents go on while a transaction commits.
 *
 * <p>The consumer thread {@linkplain #seal seals} the open transaction once the streams are at the
 * commit barrier and the offsets to commit are taken. From then on, sends made by agents (for
 * events past those offsets) are held here, in order, instead of entering the transaction that is
 * committing; the barrier is lowered at once, and the streams process events while the broker
 * commits. Once it has, the committer thread {@linkplain #open opens}: what was held is sent,
 * first, into the next transaction. {@link #drop} fails it instead when the commit failed (or a
 * rewind is pending), since the worker then reads those events again.
 *
 * <p>Without this, every stream would stand still for the whole commit (tens of milliseconds on
 * Kafka, many times a second). Memory is bounded by the commit's duration times the rate of
 * sends; past {@link OffsetCommitter#MAX_HELD_SENDS} the consumer thread stops delivering and
 * waits for the commit.
 *
 * <p>Thread-safe. A send takes the read side of a {@link StampedLock} (one CAS); sealing takes the
 * write side, so a send that began before the seal is inside the old transaction when
 * {@link #seal} returns.
 */
final class HeldSends {
    /** Why a held send was dropped: the event that made it is processed again, nothing is lost. */
    static final class DroppedSendException extends FaustException {
        private static final long serialVersionUID = 1L;

        DroppedSendException(String message) {
            super(message);
        }
    }

    private record Held(String topic, @Nullable Integer partition, @Nullable Long timestamp, byte @Nullable [] key,
                        byte @Nullable [] value, Headers headers, CompletableFuture<RecordMetadata> result) {}

    private final StampedLock lock = new StampedLock();
    private boolean sealed;                       // guarded by lock
    private final Queue<Held> held = new ConcurrentLinkedQueue<>();  // appended under the read lock, taken under the write lock
    private final AtomicInteger count = new AtomicInteger();

    /**
     * Sends now, or holds the send for the next transaction while one is committing.
     *
     * @return completes with where the message landed
     */
    CompletableFuture<RecordMetadata> send(TransportProducer producer, String topic, @Nullable Integer partition,
                                           @Nullable Long timestamp, byte @Nullable [] key, byte @Nullable [] value,
                                           Headers headers) {
        long stamp = lock.readLock();
        try {
            if (!sealed) {
                return producer.send(topic, partition, timestamp, key, value, headers);
            }
            CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
            held.add(new Held(topic, partition, timestamp, key, value, headers, result));
            count.incrementAndGet();
            return result;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Sends from now on are held; returns once every send already under way has reached the producer. */
    void seal() {
        long stamp = lock.writeLock();
        sealed = true;
        lock.unlockWrite(stamp);
    }

    /**
     * Sends what was held, in order, into the transaction now open, and lets sends through again.
     * Senders are not stopped meanwhile: what they add while this drains is sent in turn, and
     * sends go straight through only once nothing is held.
     *
     * @param producer the transactional producer
     * @return how many sends were held
     */
    int open(TransportProducer producer) {
        int n = 0;
        while (true) {
            for (Held h = held.poll(); h != null; h = held.poll()) {
                count.decrementAndGet();
                sendHeld(producer, h);
                n++;
            }
            long stamp = lock.writeLock();
            try {
                if (held.isEmpty()) {
                    sealed = false;
                    return n;
                }
            } finally {
                lock.unlockWrite(stamp);
            }
        }
    }

    private static void sendHeld(TransportProducer producer, Held h) {
        CompletableFuture<RecordMetadata> f;
        try {
            f = producer.send(h.topic, h.partition, h.timestamp, h.key, h.value, h.headers);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((md, err) -> {
            if (err != null) {
                h.result.completeExceptionally(err);
            } else {
                h.result.complete(md);
            }
        });
    }

    /**
     * Fails what was held and lets sends through again: the commit failed, and the events that
     * made these sends will be processed again from the committed offsets.
     *
     * @param reason why, named in the futures' error
     * @return how many sends were dropped
     */
    int drop(String reason) {
        long stamp = lock.writeLock();
        try {
            List<Held> out = take();
            if (!out.isEmpty()) {
                DroppedSendException e = new DroppedSendException("send made while a transaction was committing was dropped ("
                        + reason + "); the event that made it will be processed again from the committed offsets");
                out.forEach(h -> h.result.completeExceptionally(e));
            }
            return out.size();
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** @return how many sends are held now */
    int count() {
        return count.get();
    }

    /** @return whether sends are being held */
    boolean sealed() {
        long stamp = lock.readLock();
        try {
            return sealed;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Called with the write lock held. */
    private List<Held> take() {
        sealed = false;
        List<Held> out = new ArrayList<>(held);
        held.clear();
        count.set(0);
        return out;
    }
}
