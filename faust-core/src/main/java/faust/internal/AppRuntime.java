package faust.internal;

import faust.App;
import faust.Faust;
import faust.ProcessingGuarantee;
import faust.Settings;
import faust.codec.Codecs;
import faust.errors.FaustException;
import faust.errors.ImproperlyConfiguredException;
import faust.errors.ProducerSendException;
import faust.sensor.Monitor;
import faust.sensor.SensorDelegate;
import faust.stream.Headers;
import faust.stream.Message;
import faust.topic.RecordMetadata;
import faust.topic.internal.TopicImpl;
import faust.transport.TopicDeclaration;
import faust.transport.Transport;
import faust.transport.TransportFactory;
import faust.transport.TransportProducer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind an {@link App}: settings, codecs, sensors, the transport and producer
 * (created on first use), the conductor and the consumer loop. Channels, streams and agents
 * talk to this, never to the App facade's internals.
 */
public final class AppRuntime {
    private static final Logger log = LoggerFactory.getLogger(AppRuntime.class);

    private final App app;
    private final Settings settings;
    private final Codecs codecs;
    private final SensorDelegate sensors;
    private final Monitor monitor;
    private final Conductor conductor = new Conductor();
    private final List<TopicImpl<?, ?>> declared = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile @Nullable Transport transport;
    private volatile @Nullable TransportProducer producer;
    /** Exactly-once: sends made outside any event, which no transaction may cover (see {@link #produce}). */
    private volatile @Nullable TransportProducer plainProducer;
    private volatile @Nullable ConsumerLoop consumerLoop;
    /** Set when the app starts declaring its topics: topics created from then on are declared at once. */
    private volatile boolean declaring;
    private volatile int generation;
    private final CommitBarrier commitBarrier = new CommitBarrier();
    private final String transactionalId;
    private final boolean publishOnCommit;
    private final Attachments attachments = new Attachments();
    private final HeldSends heldSends = new HeldSends();
    private final InFlightSends inFlightSends = new InFlightSends();
    private final boolean exactlyOnce;

    /**
     * @param app the facade
     * @param settings validated settings
     * @param codecs codec registry
     * @param sensors sensor fan-out (the monitor is registered in it)
     * @param monitor the monitor
     */
    public AppRuntime(App app, Settings settings, Codecs codecs, SensorDelegate sensors, Monitor monitor) {
        this.app = app;
        this.settings = settings;
        this.codecs = codecs;
        this.sensors = sensors;
        this.monitor = monitor;
        this.publishOnCommit = settings.streamPublishOnCommit();
        this.exactlyOnce = settings.processingGuarantee() == ProcessingGuarantee.EXACTLY_ONCE;
        this.transactionalId = settings.id() + "-" + settings.consumerGroupInstanceId().orElseGet(() -> Faust.uuid());
    }

    /** @return the one-partition topic whose assignment elects the leader; nothing is ever sent to it */
    public String leaderTopicName() {
        return settings.id() + "-__assignor-__leader";
    }

    /** @return whether {@code processing_guarantee} is {@code exactly_once} */
    public boolean exactlyOnce() {
        return exactlyOnce;
    }

    /** @return the barrier streams stop at while an exactly-once transaction ends */
    public CommitBarrier commitBarrier() {
        return commitBarrier;
    }

    /**
     * Exactly-once: throws away the open transaction and everything processed since the last
     * commit, and reads again from the committed offsets (after an agent crashed mid-event).
     * No-op under at-least-once or when not consuming.
     *
     * @param reason logged
     */
    public void requestRewind(String reason) {
        ConsumerLoop loop = consumerLoop;
        if (exactlyOnce() && loop != null) {
            loop.requestRewind(reason);
        }
    }

    /** @return the app */
    public App app() {
        return app;
    }

    /** @return the settings */
    public Settings settings() {
        return settings;
    }

    /** @return the codec registry */
    public Codecs codecs() {
        return codecs;
    }

    /** @return the sensors */
    public SensorDelegate sensors() {
        return sensors;
    }

    /** @return the monitor */
    public Monitor monitor() {
        return monitor;
    }

    /** @return the rebalance generation; events fetched in an older one are dropped */
    public int generation() {
        return generation;
    }

    void nextGeneration() {
        generation++;
    }

    /** @return the transport, created on first use from the {@code broker} URL's scheme */
    public Transport transport() {
        Transport t = transport;
        if (t != null) {
            return t;
        }
        lock.lock();
        try {
            if (transport == null) {
                transport = createTransport();
            }
            return transport;
        } finally {
            lock.unlock();
        }
    }

    private Transport createTransport() {
        List<URI> urls = settings.broker();
        String scheme = urls.get(0).getScheme();
        List<String> known = new ArrayList<>();
        for (TransportFactory f : ServiceLoader.load(TransportFactory.class)) {
            if (f.schemes().contains(scheme)) {
                log.info("[{}] transport {} for {}", settings.id(), f.getClass().getSimpleName(), urls);
                return f.create(urls, settings);
            }
            known.addAll(f.schemes());
        }
        throw new ImproperlyConfiguredException("broker " + urls + " uses scheme '" + scheme + "' but no transport handles it; "
                + "known schemes: " + known + ". For kafka:// add the faust-kafka module to the classpath.");
    }

    /** @return the producer, created on first use */
    public TransportProducer producer() {
        TransportProducer p = producer;
        if (p != null) {
            return p;
        }
        lock.lock();
        try {
            if (producer == null) {
                if (exactlyOnce()) {
                    log.info("[{}] exactly-once: transactional producer {}", settings.id(), transactionalId);
                    producer = transport().createTransactionalProducer(transactionalId);
                } else {
                    producer = transport().createProducer();
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
                        settings.id());
                plainProducer = transport().createProducer();
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
    public CompletableFuture<RecordMetadata> produce(String topic, @Nullable Integer partition, @Nullable Long timestamp,
                                                     byte @Nullable [] key, byte @Nullable [] value, Headers headers) {
        if (publishOnCommit && consumerLoop != null) {
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
    public CompletableFuture<RecordMetadata> produceDetached(String topic, byte @Nullable [] key, byte @Nullable [] value,
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
        Monitor timed = sensors.directSendMonitor();     // the app's monitor, timed without a state per send
        long started = timed == null ? 0L : timed.sendStarted(topic);
        Object state = sensors.onSendInitiated(topic, key == null ? -1 : key.length, value == null ? -1 : value.length);
        CompletableFuture<RecordMetadata> f;
        int epoch = exactlyOnce ? -1 : inFlightSends.begin();
        try {
            if (!exactlyOnce) {
                f = producer().send(topic, partition, timestamp, key, value, headers);
            } else if (forEvent) {
                f = heldSends.send(producer(), topic, partition, timestamp, key, value, headers);
            } else {
                f = plainProducer().send(topic, partition, timestamp, key, value, headers);
            }
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.handle((md, err) -> {
            if (epoch >= 0) {
                inFlightSends.end(epoch);
            }
            if (err != null) {
                Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
                if (cause instanceof HeldSends.DroppedSendException dropped) {
                    throw dropped;     // the worker is already reading those events again
                }
                if (timed != null) {
                    timed.sendFailed();
                }
                sensors.onSendError(cause, state);
                ConsumerLoop loop = consumerLoop;
                if (loop != null && forEvent) {
                    // offsets of events whose output failed must not commit; read them again
                    loop.requestRewind("send to " + topic + " failed: " + cause);
                }
                throw cause instanceof FaustException fe ? fe
                        : new ProducerSendException("could not send to topic " + topic + ": " + cause.getMessage(), cause);
            }
            if (timed != null) {
                timed.sendCompleted(started);
            }
            sensors.onSendCompleted(state, md);
            return md;
        });
    }

    /**
     * Creates a topic on the broker if it does not exist.
     *
     * @param declaration the topic
     */
    public void declare(TopicDeclaration declaration) {
        transport().declareTopic(declaration);
    }

    /**
     * Remembers a topic so it is declared at start-up (when {@code topic_allow_declare}).
     *
     * @param topic the topic
     * @param <T> its type
     * @return the topic
     */
    public <T extends TopicImpl<?, ?>> T registerTopic(T topic) {
        lock.lock();
        try {
            declared.add(topic);
        } finally {
            lock.unlock();
        }
        if (declaring && topic.internal()) {
            topic.declare();
        }
        return topic;
    }

    /** Declares every registered topic that has names. */
    public void declareAll() {
        declaring = true;      // before the snapshot: a topic registered meanwhile is declared by registerTopic
        List<TopicImpl<?, ?>> all;
        lock.lock();
        try {
            all = List.copyOf(declared);
        } finally {
            lock.unlock();
        }
        for (TopicImpl<?, ?> t : all) {
            if (!t.topics().isEmpty()) {
                t.declare();
            }
        }
    }

    /**
     * Routes this topic's messages to it from now on; starts consuming if the app runs.
     *
     * @param topic the topic
     */
    public void subscribe(TopicImpl<?, ?> topic) {
        if (conductor.add(topic)) {
            if (!topic.topics().isEmpty() && declaring) {
                topic.declare();
            }
            ConsumerLoop loop = consumerLoop;
            if (loop != null) {
                loop.wakeup();
            }
        }
    }

    Conductor conductor() {
        return conductor;
    }

    /**
     * Logs and counts a message that could not be decoded. The caller acks and skips it.
     *
     * @param m the message
     * @param error why
     */
    public void onDecodeError(Message m, Throwable error) {
        log.warn("[{}] skipping message that could not be decoded: topic={} partition={} offset={}: {}",
                settings.id(), m.topic(), m.partition(), m.offset(), error.getMessage(), error);
        sensors.onDecodeError(m.tp(), m.offset(), error);
    }

    /**
     * Starts the consumer thread.
     *
     * @param rebalanceHooks told about assignment changes (agents, leader election)
     */
    public void startConsumer(ConsumerLoop.Hooks rebalanceHooks) {
        ConsumerLoop loop = new ConsumerLoop(this, rebalanceHooks);
        consumerLoop = loop;
        loop.start();
    }

    /** @return the consumer loop, or null when not consuming */
    public @Nullable ConsumerLoop consumerLoop() {
        return consumerLoop;
    }

    /** Stops consuming (committing what is done), flushes and closes the producer and transport. */
    public void shutdown() {
        ConsumerLoop loop = consumerLoop;
        if (loop != null) {
            loop.stop();
            consumerLoop = null;
        }
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
        Transport t = transport;
        if (t != null) {
            t.close();
            transport = null;
        }
    }
}
