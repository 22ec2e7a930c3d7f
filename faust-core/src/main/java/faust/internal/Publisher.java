package faust.internal;

import faust.errors.FaustException;
import faust.errors.ProducerSendException;
import faust.sensor.Monitor;
import faust.sensor.internal.SensorDelegate;
import faust.settings.CommonSettings;
import faust.settings.ConsumerSettings;
import faust.settings.ProcessingGuarantee;
import faust.settings.Settings;
import faust.settings.StreamSettings;
import faust.stream.Headers;
import faust.stream.internal.CurrentEvent;
import faust.stream.internal.EventImpl;
import faust.topic.RecordMetadata;
import faust.topic.TP;
import faust.transport.TrackedMessage;
import faust.transport.Transport;
import faust.transport.TransportProducer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An app's send path: its producers (created on first use; under exactly-once a transactional
 * one for the output of events and a plain one for everything else), the send sensors, the sends
 * in flight that at-least-once commits wait for ({@link InFlightSends}), the sends held while an
 * exactly-once transaction commits ({@link HeldSends}), and those held for
 * {@code stream_publish_on_commit} ({@link Attachments}).
 */
final class Publisher {
    private static final Logger log = LoggerFactory.getLogger(Publisher.class);

    private final String appId;
    private final SensorDelegate sensors;
    private final Supplier<Transport> transport;
    private final Supplier<@Nullable ConsumerLoop> loop;
    private final boolean exactlyOnce;
    private final boolean publishOnCommit;
    private final String transactionalId;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile @Nullable TransportProducer producer;
    /** Exactly-once: sends made outside any event, which no transaction may cover (see {@link #produce}). */
    private volatile @Nullable TransportProducer plainProducer;
    private final Attachments attachments = new Attachments();
    /** Set while the runtime's commit-time work runs (see {@link #runAsCommitOutput}). */
    private static final ThreadLocal<@Nullable Boolean> COMMIT_OUTPUT = new ThreadLocal<>();
    private final HeldSends heldSends = new HeldSends();
    private final InFlightSends inFlightSends = new InFlightSends();
    private final Ledger ledger = new Ledger();
    /**
     * Exactly-once: how many transactions this worker aborted itself ({@link #abortTransaction}).
     * Each send carries the count it was made under; a send whose transaction the worker aborted
     * fails, but the worker is reading its event again already, so it asks for no second rewind.
     */
    private volatile int abortedTransactions;

    /**
     * @param settings the app's settings
     * @param sensors the app's sensors
     * @param transport the app's transport, created on first use
     * @param loop the consumer loop, or null when not consuming
     */
    Publisher(Settings settings, SensorDelegate sensors, Supplier<Transport> transport,
              Supplier<@Nullable ConsumerLoop> loop) {
        this.appId = settings.id();
        this.sensors = sensors;
        this.transport = transport;
        this.loop = loop;
        this.exactlyOnce = settings.get(CommonSettings.PROCESSING_GUARANTEE) == ProcessingGuarantee.EXACTLY_ONCE;
        this.publishOnCommit = settings.get(StreamSettings.STREAM_PUBLISH_ON_COMMIT);
        this.transactionalId = settings.id() + "-" + settings.get(ConsumerSettings.CONSUMER_GROUP_INSTANCE_ID).orElseGet(() -> UUID.randomUUID().toString());
    }

    /** @return the producer, created on first use */
    TransportProducer producer() {
        TransportProducer p = producer;
        if (p != null) {
            return p;
        }
        lock.lock();
        try {
            if (producer == null) {
                if (exactlyOnce) {
                    log.info("[{}] exactly-once: transactional producer {}", appId, transactionalId);
                    producer = transport.get().createTransactionalProducer(transactionalId);
                } else {
                    producer = transport.get().createProducer();
                }
            }
            return producer;
        } finally {
            lock.unlock();
        }
    }

    /** Exactly-once: the producer for sends made outside any event; created on first use. */
    private TransportProducer plainProducer() {
        TransportProducer p = plainProducer;
        if (p != null) {
            return p;
        }
        lock.lock();
        try {
            if (plainProducer == null) {
                log.info("[{}] exactly-once: sends made outside an agent's event use a producer without transactions",
                        appId);
                plainProducer = transport.get().createProducer();
            }
            return plainProducer;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Produces serialized bytes, with send sensors.
     *
     * <p>Under exactly-once, a send made while an agent processes an event enters the worker's
     * transaction: it becomes visible together with that event's offset, or never. A send made
     * anywhere else (a timer, a web view, a thread of the caller's) belongs to no event, so no
     * transaction may take it: a rewind would abort it and nothing would send it again. It goes
     * through a producer without transactions and is durable once acknowledged, as under
     * at-least-once.
     *
     * @param topic destination
     * @param partition partition or null
     * @param timestamp epoch millis or null
     * @param key key bytes
     * @param value value bytes
     * @param headers headers
     * @return completes with where the message landed, or with a {@link ProducerSendException}
     */
    CompletableFuture<RecordMetadata> produce(String topic, @Nullable Integer partition, @Nullable Long timestamp,
                                                     byte @Nullable [] key, byte @Nullable [] value, Headers headers) {
        if (publishOnCommit && loop.get() != null) {
            EventImpl<?, ?> current = CurrentEvent.get();
            if (current != null && current.tracked().generation() >= 0) {
                TrackedMessage m = current.tracked();
                return attachments.attach(m.tp(), m.offset(), topic, partition, timestamp, key, value, headers);
            }
        }
        // the thread-local is read only under exactly-once: at-least-once sends do not need it
        return publish(topic, partition, timestamp, key, value, headers,
                !exactlyOnce || CurrentEvent.get() != null || COMMIT_OUTPUT.get() != null);
    }

    /** @return at-least-once: the sends in flight, by epoch */
    InFlightSends inFlightSends() {
        return inFlightSends;
    }

    /** @return sends held while an exactly-once transaction commits */
    HeldSends heldSends() {
        return heldSends;
    }

    /**
     * Produces a message that is not output of the event being processed, such as an RPC request:
     * under exactly-once it goes through the producer without transactions at once (like a send
     * made outside any event) instead of waiting for the event's transaction to commit.
     *
     * @param topic destination
     * @param partition the partition, or null for the partitioner's choice
     * @param timestamp the record time in epoch milliseconds, or null for now
     * @param key key bytes
     * @param value value bytes
     * @param headers headers
     * @return completes with where the message landed
     */
    CompletableFuture<RecordMetadata> produceDetached(String topic, @Nullable Integer partition, @Nullable Long timestamp,
                                                      byte @Nullable [] key, byte @Nullable [] value, Headers headers) {
        return publish(topic, partition, timestamp, key, value, headers, !exactlyOnce);
    }

    /**
     * Produces output that belongs to the events the next commit covers but is sent by the runtime
     * itself, outside any event (a table's changelog records, flushed as a commit begins): under
     * exactly-once it joins the open transaction, and a failure rewinds as a failed send of an
     * event's does.
     *
     * @param topic destination
     * @param partition the partition
     * @param key key bytes
     * @param value value bytes, or null for a tombstone
     * @return completes with where the message landed
     */
    CompletableFuture<RecordMetadata> produceCommitted(String topic, int partition, byte @Nullable [] key,
                                                       byte @Nullable [] value, Headers headers) {
        return publish(topic, partition, null, key, value, headers, true);
    }

    /**
     * Runs work whose sends are output of the commit that begins (a windowed table's closes): under
     * exactly-once they join the transaction being sealed instead of going through the producer
     * without transactions.
     *
     * @param work the work, run on the calling thread
     */
    void runAsCommitOutput(Runnable work) {
        COMMIT_OUTPUT.set(Boolean.TRUE);
        try {
            work.run();
        } finally {
            COMMIT_OUTPUT.remove();
        }
    }

    /** @return sends held for {@code stream_publish_on_commit} */
    Attachments attachments() {
        return attachments;
    }

    /**
     * Publishes sends held for events below the commit offsets, in order (stream_publish_on_commit).
     *
     * @param commitOffsets the offsets about to be committed
     */
    void publishAttached(Map<TP, Long> commitOffsets) {
        if (!publishOnCommit) {
            return;
        }
        for (Attachments.Pending p : attachments.takeBefore(commitOffsets)) {
            publish(p.topic(), p.partition(), p.timestamp(), p.key(), p.value(), p.headers(), true).whenComplete((md, err) -> {
                if (err != null) {
                    p.result().completeExceptionally(err);
                } else {
                    p.result().complete(md);
                }
            });
        }
    }

    /**
     * @param forEvent the send is output of an event: under exactly-once it enters the transaction,
     *     and under either guarantee its failure makes the worker read the events again
     */
    private CompletableFuture<RecordMetadata> publish(String topic, @Nullable Integer partition, @Nullable Long timestamp,
                                                      byte @Nullable [] key, byte @Nullable [] value, Headers headers,
                                                      boolean forEvent) {
        Monitor timed = sensors.directSendMonitor();     // the app's monitor, timed without a state per send
        long started = timed == null ? Monitor.UNTIMED : timed.sendStarted(topic);
        boolean hooked = sensors.hasGenericSendHooks();
        Object state = hooked
                ? sensors.onSendInitiated(topic, key == null ? -1 : key.length, value == null ? -1 : value.length)
                : null;
        // most sends need no attachment: only one in Monitor.SEND_LATENCY_SAMPLE_INTERVAL is timed
        SendNote note = started != Monitor.UNTIMED || hooked ? new SendNote(timed, started, hooked, state) : null;
        long token = token(exactlyOnce ? abortedTransactions : inFlightSends.begin(), forEvent);
        try {
            if (!exactlyOnce) {
                return producer().send(topic, partition, timestamp, key, value, headers, ledger, token, note);
            } else if (forEvent) {
                return TransportProducer.relay(heldSends.send(producer(), topic, partition, timestamp, key, value, headers),
                        topic, ledger, token, note);
            } else {
                return plainProducer().send(topic, partition, timestamp, key, value, headers, ledger, token, note);
            }
        } catch (RuntimeException e) {      // no producer (the transport failed to create one)
            return CompletableFuture.failedFuture(ledger.onFailed(token, note, topic, e));
        }
    }

    /**
     * A send's token: at-least-once, the in-flight epoch it counts in; exactly-once, the number of
     * transactions aborted before it; and whether it is output of an event.
     */
    private static long token(int epoch, boolean forEvent) {
        return (long) epoch << 1 | (forEvent ? 1L : 0L);
    }

    private static int epoch(long token) {
        return (int) (token >> 1);
    }

    private static boolean forEvent(long token) {
        return (token & 1L) != 0;
    }

    /**
     * What a send carries back to the {@link Ledger} when it needs more than its token: the send
     * was timed for the app's monitor, or generic send hooks were started for it and must be ended.
     */
    private record SendNote(@Nullable Monitor timed, long started, boolean hooked, @Nullable Object state) {}

    /**
     * The bookkeeping of every send, told by the producer (on its I/O thread) how each ended,
     * before the send's future completes: it ends the send's in-flight count and its sensors, and on
     * failure makes the worker read the events again. One object for all sends, so that a send
     * costs the producer's I/O thread only the transport's own object to read, not a callback of
     * ours allocated on the sending thread.
     */
    private final class Ledger implements TransportProducer.SendListener {
        @Override
        public void onSent(long token, @Nullable Object attachment, RecordMetadata md) {
            endInFlight(token);
            if (attachment instanceof SendNote note) {
                if (note.timed() != null) {
                    note.timed().sendCompleted(note.started());
                }
                if (note.hooked()) {
                    sensors.onSendCompleted(note.state(), md);
                }
            }
        }

        /**
         * {@inheritDoc} {@code error} is the cause itself: {@link TransportProducer#relay} unwraps a
         * {@code CompletionException}, and the Kafka transport hands over the client's own error.
         */
        @Override
        public Throwable onFailed(long token, @Nullable Object attachment, String topic, Throwable error) {
            endInFlight(token);
            if (error instanceof HeldSends.DroppedSendException) {
                return error;      // the worker is already reading those events again
            }
            SendNote note = attachment instanceof SendNote n ? n : null;
            Monitor timed = note != null ? note.timed() : sensors.directSendMonitor();
            if (timed != null) {
                timed.sendFailed();
            }
            if (note != null && note.hooked()) {
                sensors.onSendError(error, note.state());
            }
            ConsumerLoop consumer = loop.get();
            if (consumer != null && forEvent(token) && !abortedByUs(token)) {
                // offsets of events whose output failed must not commit; read them again
                consumer.requestRewind("send to " + topic + " failed: " + error);
            }
            return error instanceof FaustException fe ? fe
                    : new ProducerSendException("could not send to topic " + topic + ": " + error.getMessage(), error);
        }

        private void endInFlight(long token) {
            if (!exactlyOnce) {
                inFlightSends.end(epoch(token));
            }
        }

        /** Exactly-once: the send's transaction was aborted by this worker, which is reading its event again. */
        private boolean abortedByUs(long token) {
            return exactlyOnce && epoch(token) != abortedTransactions;
        }
    }

    /**
     * Exactly-once: aborts the open transaction (with the streams held at the commit barrier). The
     * sends in it fail, and are not taken for failed output: their events are read again.
     */
    @SuppressWarnings("NonAtomicVolatileUpdate")     // one writer: the consumer thread, at a rewind
    void abortTransaction() {
        abortedTransactions++;      // before the abort: the failures it causes see the new count
        producer().abortTransaction();
    }

    /** Flushes and closes the producers; a later send creates new ones. */
    void close() {
        TransportProducer p = producer;
        if (p != null) {
            p.flush();
            p.close();
            producer = null;
        }
        TransportProducer plain = plainProducer;
        if (plain != null) {
            plain.flush();
            plain.close();
            plainProducer = null;
        }
    }
}
