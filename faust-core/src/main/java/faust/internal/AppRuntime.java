package faust.internal;

import faust.codec.Codecs;
import faust.errors.ImproperlyConfiguredException;
import faust.errors.ProducerSendException;
import faust.settings.CommonSettings;
import faust.settings.ProcessingGuarantee;
import faust.settings.Settings;
import faust.sensor.Monitor;
import faust.sensor.internal.SensorDelegate;
import faust.stream.Headers;
import faust.stream.internal.CommitBarrier;
import faust.topic.RecordMetadata;
import faust.topic.Topic;
import faust.topic.TopicSpec;
import faust.topic.internal.TopicImpl;
import faust.topic.internal.TopicRegistry;
import faust.topic.internal.TopicRuntime;
import faust.transport.TopicDeclaration;
import faust.transport.TrackedMessage;
import faust.transport.Transport;
import faust.transport.TransportConfig;
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
 * The engine behind an app: settings, codecs, sensors, the transport (created on first use), the
 * send path ({@link Publisher}), the topics ({@link TopicRegistry}), the conductor and the consumer
 * loop. Channels, streams and agents talk to this through {@link TopicRuntime}; it is handed
 * configuration and services, never the app facade.
 */
public final class AppRuntime implements TopicRuntime {
    private static final Logger log = LoggerFactory.getLogger(AppRuntime.class);

    private final Settings settings;
    private final Codecs codecs;
    private final SensorDelegate sensors;
    private final Monitor monitor;
    private final Conductor conductor = new Conductor();
    private final TopicRegistry topics = new TopicRegistry(this);
    private final ReentrantLock lock = new ReentrantLock();
    private volatile @Nullable Transport transport;
    private volatile @Nullable ConsumerLoop consumerLoop;
    private volatile int generation;
    private final CommitBarrier commitBarrier = new CommitBarrier();
    private final BadInputLog badInput;
    private final boolean exactlyOnce;
    private final Publisher publisher;
    private volatile TransactionListener transactionListener = TransactionListener.NONE;

    /**
     * @param settings validated settings
     * @param codecs codec registry
     * @param sensors sensor fan-out (the monitor is registered in it)
     * @param monitor the monitor
     */
    public AppRuntime(Settings settings, Codecs codecs, SensorDelegate sensors, Monitor monitor) {
        this.settings = settings;
        this.codecs = codecs;
        this.sensors = sensors;
        this.badInput = new BadInputLog(settings.id(), System::nanoTime);
        this.monitor = monitor;
        this.exactlyOnce = settings.get(CommonSettings.PROCESSING_GUARANTEE) == ProcessingGuarantee.EXACTLY_ONCE;
        this.publisher = new Publisher(settings, sensors, this::transport, () -> consumerLoop);
    }

    /** @return whether {@code processing_guarantee} is {@code exactly_once} */
    /** @param listener told where exactly-once transactions begin and end (the tables) */
    public void transactionListener(TransactionListener listener) {
        this.transactionListener = listener;
    }

    /** @return told where exactly-once transactions begin and end */
    TransactionListener transactionListener() {
        return transactionListener;
    }

    public boolean exactlyOnce() {
        return exactlyOnce;
    }

    @Override
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

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public Codecs codecs() {
        return codecs;
    }

    @Override
    public SensorDelegate sensors() {
        return sensors;
    }

    /** @return the monitor */
    public Monitor monitor() {
        return monitor;
    }

    @Override
    public TopicRegistry topics() {
        return topics;
    }

    @Override
    public <K, V> Topic<K, V> topic(String name, Class<K> keyType, Class<V> valueType) {
        return topics.topic(List.of(name), null, keyType, valueType, TopicSpec.defaults(), false);
    }

    @Override
    public int generation() {
        return generation;
    }

    void nextGeneration() {
        generation++;
    }

    @Override
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
        List<URI> urls = settings.get(CommonSettings.BROKER);
        String scheme = urls.get(0).getScheme();
        List<String> known = new ArrayList<>();
        for (TransportFactory f : ServiceLoader.load(TransportFactory.class)) {
            if (f.schemes().contains(scheme)) {
                log.info("[{}] transport {} for {}", settings.id(), f.getClass().getSimpleName(), urls);
                return f.create(urls, TransportConfig.of(settings));
            }
            known.addAll(f.schemes());
        }
        throw new ImproperlyConfiguredException("broker " + urls + " uses scheme '" + scheme + "' but no transport handles it; "
                + "known schemes: " + known + ". For kafka:// add the faust-kafka module to the classpath.");
    }

    /** @return the send path: producers, held and in-flight sends, {@code stream_publish_on_commit} */
    Publisher publisher() {
        return publisher;
    }

    /** @return the producer, created on first use */
    public TransportProducer producer() {
        return publisher.producer();
    }

    @Override
    public CompletableFuture<RecordMetadata> produce(String topic, @Nullable Integer partition, @Nullable Long timestamp,
                                                     byte @Nullable [] key, byte @Nullable [] value, Headers headers) {
        return publisher.produce(topic, partition, timestamp, key, value, headers);
    }

    /**
     * Produces output of the events the next commit covers, sent by the runtime outside any event
     * (a table's changelog records flushed as a commit begins); see {@link Publisher#produceCommitted}.
     *
     * @param topic destination
     * @param partition the partition
     * @param key key bytes
     * @param value value bytes, or null for a tombstone
     * @param headers the headers
     * @return completes with where the message landed
     */
    public CompletableFuture<RecordMetadata> produceCommitted(String topic, int partition, byte @Nullable [] key,
                                                              byte @Nullable [] value, Headers headers) {
        return publisher.produceCommitted(topic, partition, key, value, headers);
    }

    /**
     * Runs work as a commit begins (a windowed table closing its windows) so that what it sends
     * through channels and topics is output of the commit: under exactly-once it joins the
     * transaction being sealed, as an event's sends do.
     *
     * @param work the work
     */
    public void runAsCommitOutput(Runnable work) {
        publisher.runAsCommitOutput(work);
    }

    /**
     * Produces a message that is not output of the event being processed, such as an RPC request;
     * see {@link Publisher#produceDetached}.
     *
     * @param topic destination
     * @param key key bytes
     * @param value value bytes
     * @param headers headers
     * @return completes with where the message landed, or with a {@link ProducerSendException}
     */
    public CompletableFuture<RecordMetadata> produceDetached(String topic, byte @Nullable [] key, byte @Nullable [] value,
                                                             Headers headers) {
        return publisher.produceDetached(topic, null, null, key, value, headers);
    }

    /**
     * {@link #produceDetached(String, byte[], byte[], Headers)} to a chosen partition and time.
     *
     * @param topic destination
     * @param partition the partition, or null for the partitioner's choice
     * @param timestamp the record time in epoch milliseconds, or null for now
     * @param key key bytes
     * @param value value bytes
     * @param headers headers
     * @return completes with where the message landed, or with a {@link ProducerSendException}
     */
    public CompletableFuture<RecordMetadata> produceDetached(String topic, @Nullable Integer partition, @Nullable Long timestamp,
                                                             byte @Nullable [] key, byte @Nullable [] value, Headers headers) {
        return publisher.produceDetached(topic, partition, timestamp, key, value, headers);
    }

    /**
     * Creates a topic on the broker if it does not exist.
     *
     * @param declaration the topic
     */
    public void declare(TopicDeclaration declaration) {
        topics.declare(List.of(declaration));
    }

    @Override
    public void subscribe(TopicImpl<?, ?> topic) {
        if (conductor.add(topic)) {
            topics.subscribed(topic);
            ConsumerLoop loop = consumerLoop;
            if (loop != null) {
                loop.wakeup();
            }
        }
    }

    Conductor conductor() {
        return conductor;
    }

    @Override
    public void onDecodeError(TrackedMessage m, String codecs, Throwable error) {
        badInput.report(m, "skipping a record that could not be decoded (" + codecs + ")", error);
        sensors.onDecodeError(m.tp(), m.offset(), error);
    }

    @Override
    public void onBadInput(TrackedMessage m, String what, @Nullable Throwable cause) {
        badInput.report(m, what, cause);
    }

    /** @return the log of bad input, rate-limited per topic */
    public BadInputLog badInput() {
        return badInput;
    }

    /**
     * Starts the consumer thread.
     *
     * @param hooks told about assignment changes and failures (agents, leader election, the app)
     */
    public void startConsumer(ConsumerLoop.Hooks hooks, PartitionGate gate) {
        ConsumerLoop loop = new ConsumerLoop(this, hooks, gate);
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
        publisher.close();
        Transport t = transport;
        if (t != null) {
            t.close();
            transport = null;
        }
    }
}
