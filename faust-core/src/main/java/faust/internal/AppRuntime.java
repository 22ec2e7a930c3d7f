package faust.internal;

import faust.App;
import faust.codec.Codecs;
import faust.errors.ImproperlyConfiguredException;
import faust.errors.ProducerSendException;
import faust.sensor.Monitor;
import faust.sensor.SensorDelegate;
import faust.settings.CommonSettings;
import faust.settings.ProcessingGuarantee;
import faust.settings.Settings;
import faust.stream.Headers;
import faust.stream.Message;
import faust.topic.RecordMetadata;
import faust.topic.internal.TopicImpl;
import faust.transport.TopicDeclaration;
import faust.transport.Transport;
import faust.transport.TransportConfig;
import faust.transport.TransportFactory;
import faust.transport.TransportProducer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind an {@link App}: settings, codecs, sensors, the transport (created on first
 * use), the send path ({@link Publisher}), topics, the conductor and the consumer loop. Channels, streams and agents
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
    /** Declarations the transport has carried out, so that each is sent once. */
    private final Set<TopicDeclaration> declaredAlready = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile @Nullable Transport transport;
    private volatile @Nullable ConsumerLoop consumerLoop;
    /** Set when the app starts declaring its topics: topics created from then on are declared at once. */
    private volatile boolean declaring;
    private volatile int generation;
    private final CommitBarrier commitBarrier = new CommitBarrier();
    private final boolean exactlyOnce;
    private final Publisher publisher;

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
        this.exactlyOnce = settings.get(CommonSettings.PROCESSING_GUARANTEE) == ProcessingGuarantee.EXACTLY_ONCE;
        this.publisher = new Publisher(settings, sensors, this::transport, () -> consumerLoop);
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

    /**
     * Produces serialized bytes, with send sensors; see {@link Publisher#produce}.
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
        return publisher.produce(topic, partition, timestamp, key, value, headers);
    }

    /**
     * Produces a message that is not output of the event being processed, such as an RPC request;
     * see {@link Publisher#produceDetached}.
     *
     * @param topic destination
     * @param key key bytes
     * @param value value bytes
     * @param headers headers
     * @return completes with where the message landed
     */
    public CompletableFuture<RecordMetadata> produceDetached(String topic, byte @Nullable [] key, byte @Nullable [] value,
                                                             Headers headers) {
        return publisher.produceDetached(topic, key, value, headers);
    }

    /**
     * Creates a topic on the broker if it does not exist.
     *
     * @param declaration the topic
     */
    public void declare(TopicDeclaration declaration) {
        declareTopics(List.of(declaration));
    }

    /**
     * Creates topics on the broker if they do not exist, in one batch where the transport can. A
     * declaration made before (same name and settings) is not sent again: the agents' and the
     * leader's topics, declared in the start-up batch, are declared again as they subscribe.
     *
     * @param declarations the topics
     */
    public void declareTopics(List<TopicDeclaration> declarations) {
        List<TopicDeclaration> fresh = new ArrayList<>(declarations.size());
        for (TopicDeclaration d : declarations) {
            if (!declaredAlready.contains(d)) {
                fresh.add(d);
            }
        }
        if (!fresh.isEmpty()) {
            transport().declareTopics(fresh);
            declaredAlready.addAll(fresh);      // only once declared: a failed declaration is tried again next time
        }
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
        List<TopicDeclaration> declarations = new java.util.ArrayList<>();
        for (TopicImpl<?, ?> t : all) {
            declarations.addAll(t.declarations());
        }
        declareTopics(declarations);     // one batch: a few round trips whatever the number of topics
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
        publisher.close();
        Transport t = transport;
        if (t != null) {
            t.close();
            transport = null;
        }
    }
}
