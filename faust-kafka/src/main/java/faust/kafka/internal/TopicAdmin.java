package faust.kafka.internal;

import faust.errors.FaustException;
import faust.errors.ImproperlyConfiguredException;
import faust.settings.BrokerSettings;
import faust.transport.TopicDeclaration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declares topics and reads partition counts through Kafka's admin client (created on first use).
 * While the broker cannot be reached, calls are retried with a growing pause and a warning per
 * attempt, until they work or the transport is closed: a worker started before its broker waits
 * for it instead of dying. Thread-safe.
 */
final class TopicAdmin implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TopicAdmin.class);
    private static final long MAX_PAUSE_MS = 30_000;

    private final KafkaConfigs configs;
    private final ReentrantLock lock = new ReentrantLock();
    private @Nullable Admin admin;
    private @Nullable String clientId;
    private volatile boolean closed;

    TopicAdmin(KafkaConfigs configs) {
        this.configs = configs;
    }

    private Admin admin() {
        lock.lock();
        try {
            if (closed) {
                throw new FaustException("the kafka:// transport of app " + configs.settings().appId() + " is closed");
            }
            if (admin == null) {
                String id = ClientIds.acquire("admin", configs.settings().get(BrokerSettings.BROKER_CLIENT_ID) + "-admin");
                try {
                    admin = Admin.create(configs.admin(id));
                    clientId = id;
                } catch (RuntimeException e) {
                    ClientIds.release("admin", id);
                    throw configs.configError("admin client", e);
                }
            }
            return admin;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Creates the topic, or checks that the existing one has the declared partition count.
     *
     * @param d the declaration
     */
    void declare(TopicDeclaration d) {
        declareAll(List.of(d));
    }

    /**
     * Creates the topics that do not exist and checks that the existing ones have the declared
     * partition counts, with one create request and one describe request for those that exist, so
     * that an app starts with the same few round trips whatever its number of topics.
     *
     * @param declarations the declarations; a name declared twice counts once (the first)
     */
    void declareAll(List<TopicDeclaration> declarations) {
        Map<String, TopicDeclaration> byName = new LinkedHashMap<>();
        for (TopicDeclaration d : declarations) {
            byName.putIfAbsent(d.name(), d);
        }
        if (byName.isEmpty()) {
            return;
        }
        List<NewTopic> topics = new ArrayList<>();
        for (TopicDeclaration d : byName.values()) {
            topics.add(new NewTopic(d.name(), d.partitions(), (short) d.replicas()).configs(topicConfig(d)));
        }
        Map<String, @Nullable Throwable> outcome;
        try {
            outcome = retrying("declare topics " + byName.keySet(), () -> createEach(topics));
        } catch (DeclareError e) {
            TopicDeclaration first = byName.values().iterator().next();
            throw declareError(first, e.reason);     // the request as a whole failed (not one topic): the same for each
        }
        List<String> created = new ArrayList<>();
        List<TopicDeclaration> existing = new ArrayList<>();
        for (TopicDeclaration d : byName.values()) {
            Throwable failure = outcome.get(d.name());
            if (failure == null) {
                created.add(d.name());
                log.info("[{}] created topic '{}' with {} partitions, replication factor {}", configs.settings().appId(),
                        d.name(), d.partitions(), d.replicas());
            } else if (failure instanceof TopicExistsException) {
                existing.add(d);
            } else {
                throw declareError(d, failure);
            }
        }
        awaitVisible(created);
        awaitLeaders(created);
        Map<String, OptionalInt> counts = partitionCounts(existing.stream().map(TopicDeclaration::name).toList());
        for (TopicDeclaration d : existing) {
            checkPartitions(d, counts.getOrDefault(d.name(), OptionalInt.empty()));
        }
    }

    /**
     * One create request for every topic, each topic's outcome apart.
     *
     * @return per topic name: null when created, else why not (e.g. {@link TopicExistsException})
     * @throws ExecutionException when a topic failed for a retriable reason, so the whole request is tried again
     */
    private Map<String, @Nullable Throwable> createEach(List<NewTopic> topics) throws ExecutionException, InterruptedException {
        Map<String, KafkaFuture<Void>> futures = admin().createTopics(topics,
                new CreateTopicsOptions().timeoutMs(attemptMillis())).values();
        Map<String, @Nullable Throwable> out = new LinkedHashMap<>();
        for (Map.Entry<String, KafkaFuture<Void>> e : futures.entrySet()) {
            try {
                e.getValue().get();
                out.put(e.getKey(), null);
            } catch (ExecutionException failure) {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                if (cause instanceof RetriableException && !(cause instanceof UnknownTopicOrPartitionException)) {
                    throw failure;     // tried again as a whole; topics created meanwhile then answer "exists"
                }
                out.put(e.getKey(), cause);
            }
        }
        return out;
    }

    private void checkPartitions(TopicDeclaration d, OptionalInt existing) {
        if (existing.isPresent() && existing.getAsInt() != d.partitions()) {
            throw new ImproperlyConfiguredException("topic '" + d.name() + "' exists with " + existing.getAsInt()
                    + " partitions but is declared with " + d.partitions() + " (TopicOptions.partitions or the "
                    + "topic_partitions setting). Declare it with " + existing.getAsInt() + " partitions, or delete the "
                    + "topic and let it be created again with " + d.partitions() + " (kafka-topics.sh --delete --topic "
                    + d.name() + "), or use a new topic name.");
        }
    }

    /**
     * @param topics topic names
     * @return each one's partition count, empty for those that do not exist; one describe request
     */
    private Map<String, OptionalInt> partitionCounts(List<String> topics) {
        Map<String, OptionalInt> out = new HashMap<>();
        if (topics.isEmpty()) {
            return out;
        }
        Map<String, KafkaFuture<TopicDescription>> futures;
        try {
            futures = retrying("describe topics " + topics, () -> admin()
                    .describeTopics(topics, new DescribeTopicsOptions().timeoutMs(attemptMillis())).topicNameValues());
        } catch (DeclareError e) {
            throw new FaustException("cannot describe topics " + topics + ": " + e.reason.getMessage(), e.reason);
        }
        for (String t : topics) {
            KafkaFuture<TopicDescription> f = futures.get(t);
            if (f == null) {
                out.put(t, OptionalInt.empty());
                continue;
            }
            try {
                out.put(t, OptionalInt.of(f.get().partitions().size()));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                if (cause instanceof UnknownTopicOrPartitionException) {
                    out.put(t, OptionalInt.empty());
                } else {
                    out.put(t, partitionCount(t));     // one at a time, with its retries and errors
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FaustException("interrupted while describing topics " + topics, e);
            }
        }
        return out;
    }

    /**
     * Waits (briefly) until the new topics show in metadata, so that what follows a declaration
     * (sends, subscriptions, partition counts) finds them instead of racing the broker's metadata.
     */
    private void awaitVisible(List<String> topics) {
        long deadline = System.nanoTime() + KafkaConfigs.ADMIN_ATTEMPT.toNanos();
        List<String> pending = new ArrayList<>(topics);
        long pauseMillis = 2;      // metadata usually follows within a few ms: look again soon, then less often
        while (!pending.isEmpty() && System.nanoTime() < deadline && !closed) {
            Map<String, OptionalInt> counts = partitionCounts(pending);
            pending.removeIf(t -> counts.getOrDefault(t, OptionalInt.empty()).isPresent());
            if (pending.isEmpty()) {
                return;
            }
            try {
                Thread.sleep(pauseMillis);
                pauseMillis = Math.min(pauseMillis * 2, 50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Waits (briefly) until the leader of every partition of the new topics serves requests for
     * it. Metadata can name a leader before that broker has applied the topic's creation; an
     * idempotent producer that sends two batches to such a partition at once can then have the
     * first refused ({@code NOT_LEADER_OR_FOLLOWER}) and the second appended, after which every
     * retry of the first fails with {@code OUT_OF_ORDER_SEQUENCE_NUMBER} until
     * {@code delivery.timeout.ms} drops its records (KAFKA-15591). A ListOffsets request goes to
     * the partition's leader and is answered only once the leader holds the partition, and the
     * admin client retries it through {@code NOT_LEADER_OR_FOLLOWER} by itself.
     */
    private void awaitLeaders(List<String> topics) {
        if (topics.isEmpty() || closed) {
            return;
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (Map.Entry<String, OptionalInt> e : partitionCounts(topics).entrySet()) {
            for (int p = 0; p < e.getValue().orElse(0); p++) {
                latest.put(new TopicPartition(e.getKey(), p), OffsetSpec.latest());
            }
        }
        try {
            admin().listOffsets(latest, new ListOffsetsOptions().timeoutMs(attemptMillis())).all()
                    .get(KafkaConfigs.ADMIN_ATTEMPT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // not fatal: the topics exist, and a send that meets a leader still starting is retried by the producer
            log.warn("[{}] new topics {} do not answer on their partition leaders yet ({}); going on", configs.settings().appId(),
                    topics, e.getCause() == null ? e.toString() : e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Map<String, String> topicConfig(TopicDeclaration d) {
        Map<String, String> cfg = new HashMap<>();
        if (d.retention() != null) {
            cfg.put("retention.ms", String.valueOf(d.retention().toMillis()));
        }
        if (d.compacting() && d.deleting()) {
            cfg.put("cleanup.policy", "compact,delete");
        } else if (d.compacting()) {
            cfg.put("cleanup.policy", "compact");
        } else if (d.deleting()) {
            cfg.put("cleanup.policy", "delete");
        }
        cfg.putAll(d.config());
        return cfg;
    }

    private RuntimeException declareError(TopicDeclaration d, Throwable c) {
        FaustException security = KafkaErrors.security(c, configs, List.of(d.name()));
        if (security != null) {
            return security;
        }
        if (c instanceof InvalidReplicationFactorException) {
            return new ImproperlyConfiguredException("cannot create topic '" + d.name() + "' with replication factor "
                    + d.replicas() + ": " + c.getMessage() + ". Lower TopicOptions.replicas or the topic_replication_factor "
                    + "setting to at most the number of brokers.", c);
        }
        if (c instanceof InvalidConfigurationException || c instanceof InvalidRequestException
                || c instanceof PolicyViolationException || c instanceof InvalidPartitionsException
                || c instanceof InvalidTopicException) {
            return new ImproperlyConfiguredException("the broker refused to create topic '" + d.name() + "' ("
                    + d.partitions() + " partitions, replication factor " + d.replicas() + ", config " + topicConfig(d)
                    + "): " + c.getMessage() + ". Fix the topic's options.", c);
        }
        return new FaustException("cannot create topic '" + d.name() + "': " + c.getMessage(), c);
    }

    /**
     * @param topic a topic
     * @return its partition count, or empty when it does not exist
     */
    OptionalInt partitionCount(String topic) {
        try {
            Map<String, TopicDescription> m = retrying("describe topic '" + topic + "'", () -> get(admin()
                    .describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(attemptMillis())).allTopicNames()));
            TopicDescription td = m.get(topic);
            return td == null ? OptionalInt.empty() : OptionalInt.of(td.partitions().size());
        } catch (DeclareError e) {
            if (e.reason instanceof UnknownTopicOrPartitionException) {
                return OptionalInt.empty();
            }
            FaustException security = KafkaErrors.security(e.reason, configs, List.of(topic));
            throw security != null ? security : new FaustException("cannot describe topic '" + topic + "': "
                    + e.reason.getMessage(), e.reason);
        }
    }

    /**
     * @return what keeps the cluster from hosting exactly-once's transaction state log, or null
     * @see TransactionStateLogCheck
     */
    @Nullable String transactionStateLogProblem() {
        try {
            return TransactionStateLogCheck.problem(admin(), attemptMillis());
        } catch (RuntimeException e) {
            log.debug("[{}] could not check the transaction state log configs: {}", configs.settings().appId(), e.toString());
            return null;
        }
    }

    private int attemptMillis() {
        return (int) Math.min(configs.settings().get(BrokerSettings.BROKER_REQUEST_TIMEOUT).toMillis(), KafkaConfigs.ADMIN_ATTEMPT.toMillis());
    }

    /** A call's non-retriable failure, carried out of {@link #retrying}. */
    private static final class DeclareError extends Exception {
        private static final long serialVersionUID = 1L;

        /** The same as {@link #getCause()}, never null. */
        final Throwable reason;

        DeclareError(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
            this.reason = cause;
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws ExecutionException, InterruptedException;
    }

    private <T> T retrying(String what, Call<T> call) throws DeclareError {
        long pause = 1000;
        for (int attempt = 1; ; attempt++) {
            Throwable cause;
            try {
                return call.run();
            } catch (ExecutionException e) {
                cause = e.getCause() == null ? e : e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FaustException("interrupted while trying to " + what, e);
            }
            if (closed) {
                throw new FaustException("the kafka:// transport of app " + configs.settings().appId()
                        + " was closed while trying to " + what, cause);
            }
            if (!(cause instanceof RetriableException) || cause instanceof UnknownTopicOrPartitionException) {
                throw new DeclareError(cause);    // an unknown topic is "retriable" to Kafka, but it is an answer here
            }
            log.warn("[{}] cannot {} on the Kafka broker at {} (attempt {}: {}); retrying in {} s. Check that the broker is "
                    + "running and that the broker setting points at it.", configs.settings().appId(), what,
                    configs.bootstrapServers(), attempt, cause.getMessage(), pause / 1000.0);
            long until = System.nanoTime() + pause * 1_000_000;
            while (!closed && System.nanoTime() < until) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FaustException("interrupted while trying to " + what, e);
                }
            }
            pause = Math.min(MAX_PAUSE_MS, pause * 2);
        }
    }

    private static <T> T get(KafkaFuture<T> f) throws ExecutionException, InterruptedException {
        return f.get();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
                if (clientId != null) {
                    ClientIds.release("admin", clientId);
                }
                admin = null;
            }
        } finally {
            lock.unlock();
        }
    }
}
