package faust.internal;

import faust.Faust;
import faust.ProcessingGuarantee;
import faust.Settings;
import faust.errors.FaustException;
import faust.errors.ProducerSendException;
import faust.sensor.Monitor;
import faust.sensor.SensorDelegate;
import faust.stream.Headers;
import faust.stream.Message;
import faust.topic.RecordMetadata;
import faust.transport.Transport;
import faust.transport.TransportProducer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
    private final HeldSends heldSends = new HeldSends();
    private final InFlightSends inFlightSends = new InFlightSends();

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
        this.exactlyOnce = settings.processingGuarantee() == ProcessingGuarantee.EXACTLY_ONCE;
        this.publishOnCommit = settings.streamPublishOnCommit();
        this.transactionalId = settings.id() + "-" + settings.consumerGroupInstanceId().orElseGet(Faust::uuid);
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
            faust.stream.Event<?, ?> current = faust.stream.Event.current();
            if (current != null && current.message().generation() >= 0) {
                Message m = current.message();
                return attachments.attach(m.tp(), m.offset(), topic, partition, timestamp, key, value, headers);
            }
        }
        return publish(topic, partition, timestamp, key, value, headers, !exactlyOnce || faust.stream.Event.current() != null);
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
     * @param key key bytes
     * @param value value bytes
     * @param headers headers
     * @return completes with where the message landed
     */
    CompletableFuture<RecordMetadata> produceDetached(String topic, byte @Nullable [] key, byte @Nullable [] value,
                                                             Headers headers) {
        return publish(topic, null, null, key, value, headers, !exactlyOnce);
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
    void publishAttached(java.util.Map<faust.topic.TP, Long> commitOffsets) {
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
        Outcome outcome = new Outcome(topic, key, value, forEvent);
        try {
            if (!exactlyOnce) {
                producer().send(topic, partition, timestamp, key, value, headers, outcome);
            } else if (forEvent) {
                heldSends.send(producer(), topic, partition, timestamp, key, value, headers).whenComplete(outcome);
            } else {
                plainProducer().send(topic, partition, timestamp, key, value, headers, outcome);
            }
        } catch (RuntimeException e) {
            outcome.onCompletion(null, e);
        }
        return outcome;
    }

    /**
     * One send's bookkeeping and the future the caller holds: it counts the send in flight and
     * starts its sensors when created, and when the producer reports (on its I/O thread) ends them,
     * then completes itself. One object per send, called by the producer directly: no future of the
     * transport's, no completion stage in between, and no second object for the producer's thread
     * to fetch from the sending thread's cache.
     */
    private final class Outcome extends CompletableFuture<RecordMetadata> implements TransportProducer.SendCallback,
            java.util.function.BiConsumer<@Nullable RecordMetadata, @Nullable Throwable> {
        private final String topic;
        private final boolean forEvent;
        private final @Nullable Monitor timed;
        private final long started;
        /** Whether the generic send hooks were started for this send, so they are ended for it too. */
        private final boolean hooked;
        private final @Nullable Object state;
        private final int epoch;

        Outcome(String topic, byte @Nullable [] key, byte @Nullable [] value, boolean forEvent) {
            this.topic = topic;
            this.forEvent = forEvent;
            Monitor m = sensors.directSendMonitor();     // the app's monitor, timed without a state per send
            this.timed = m;
            this.started = m == null ? 0L : m.sendStarted(topic);
            this.hooked = sensors.hasGenericSendHooks();
            this.state = hooked
                    ? sensors.onSendInitiated(topic, key == null ? -1 : key.length, value == null ? -1 : value.length)
                    : null;
            this.epoch = exactlyOnce ? -1 : inFlightSends.begin();
        }

        @Override
        public void accept(@Nullable RecordMetadata md, @Nullable Throwable err) {
            onCompletion(md, err);
        }

        @Override
        public void onCompletion(@Nullable RecordMetadata md, @Nullable Throwable err) {
            if (epoch >= 0) {
                inFlightSends.end(epoch);
            }
            if (err == null && md != null) {
                if (timed != null) {
                    timed.sendCompleted(started);
                }
                if (hooked) {
                    sensors.onSendCompleted(state, md);
                }
                complete(md);
                return;
            }
            Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause()
                    : err != null ? err : new IllegalStateException("the producer reported neither metadata nor an error");
            if (cause instanceof HeldSends.DroppedSendException) {
                completeExceptionally(cause);     // the worker is already reading those events again
                return;
            }
            if (timed != null) {
                timed.sendFailed();
            }
            if (hooked) {
                sensors.onSendError(cause, state);
            }
            ConsumerLoop consumer = loop.get();
            if (consumer != null && forEvent) {
                // offsets of events whose output failed must not commit; read them again
                consumer.requestRewind("send to " + topic + " failed: " + cause);
            }
            completeExceptionally(cause instanceof FaustException fe ? fe
                    : new ProducerSendException("could not send to topic " + topic + ": " + cause.getMessage(), cause));
        }
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
