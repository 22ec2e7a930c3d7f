package faust.kafka.internal;

import faust.errors.FaustException;
import faust.errors.ImproperlyConfiguredException;
import faust.errors.ProducerFencedException;
import faust.topic.TP;
import faust.transport.TransportConsumer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exactly-once producer: a Kafka producer with a {@code transactional.id}, transactions
 * initialized at creation and one always open. Sends share a read lock; ending a transaction takes
 * the write lock, so no send straddles two transactions. A fenced producer (another worker took the
 * transactional id) refuses everything after; any other failure while committing aborts the
 * transaction, opens the next, and is rethrown so the caller can rewind to the committed offsets.
 */
final class KafkaTransactionalProducer extends KafkaTransportProducer {
    private static final Logger log = LoggerFactory.getLogger(KafkaTransactionalProducer.class);

    private static final int TIMEOUT_ATTEMPTS = 3;
    /** What a broker needs for exactly-once, the end of every error that says it lacks it. */
    static final String BROKER_NEEDS = "Exactly-once needs a broker able to host its transaction state log: "
            + "transaction.state.log.replication.factor and transaction.state.log.min.isr must not exceed the number of "
            + "brokers (set both to 1 on a single broker), or use processing_guarantee=at_least_once. See docs/kafka.md.";

    private final String transactionalId;
    private final ReentrantReadWriteLock txnLock = new ReentrantReadWriteLock();
    private volatile @Nullable ProducerFencedException fenced;

    KafkaTransactionalProducer(KafkaConfigs configs, String clientId, String transactionalId) {
        super(configs, clientId, transactionalId);
        this.transactionalId = transactionalId;
        try {
            producer.initTransactions();
            producer.beginTransaction();
        } catch (RuntimeException e) {
            super.close();
            throw initError(e);
        }
    }

    private RuntimeException initError(RuntimeException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof TransactionalIdAuthorizationException) {
                String principal = configs.settings().credentials().map(Object::toString).orElse("no broker_credentials");
                String prefix = configs.settings().appId() + "-";
                return new ImproperlyConfiguredException("processing_guarantee=exactly_once: the Kafka broker at "
                        + configs.bootstrapServers() + " denied transactional id '" + transactionalId + "' to this worker's "
                        + "principal (" + principal + "): " + KafkaErrors.sentence(c.getMessage()) + ". To fix it, "
                        + "grant the principal WRITE on that transactional id (and DESCRIBE), for every worker at once with "
                        + "a prefixed ACL, e.g. kafka-acls --add --allow-principal User:<name> --operation Write "
                        + "--operation Describe --transactional-id " + prefix + " --resource-pattern-type prefixed; "
                        + "or use processing_guarantee=at_least_once.", c);
            }
        }
        FaustException security = KafkaErrors.security(e, configs);
        if (security != null) {
            return security;
        }
        if (e instanceof TimeoutException) {
            return new ImproperlyConfiguredException("processing_guarantee=exactly_once: the Kafka broker at "
                    + configs.bootstrapServers() + " did not initialize transactions for transactional id '" + transactionalId
                    + "' in time: " + e.getMessage() + ". The broker must be reachable. " + BROKER_NEEDS, e);
        }
        if (e instanceof UnsupportedVersionException) {
            return new ImproperlyConfiguredException("processing_guarantee=exactly_once: the Kafka broker at "
                    + configs.bootstrapServers() + " cannot run transactions for '" + transactionalId + "': "
                    + KafkaErrors.sentence(e.getMessage()) + ". Use a broker with transactions enabled (Kafka 2.5 or later), "
                    + "or use processing_guarantee=at_least_once.", e);
        }
        return e;
    }

    @Override
    void submit(ProducerRecord<byte[], byte[]> record, Send send) {
        txnLock.readLock().lock();
        try {
            ProducerFencedException f = fenced;
            if (f != null) {
                send.failed(f);
                return;
            }
            doSend(record, send);
        } finally {
            txnLock.readLock().unlock();
        }
    }

    @Override
    public boolean transactional() {
        return true;
    }

    @Override
    public void commitTransaction(TransportConsumer consumer, Map<TP, Long> offsets) {
        if (!(consumer instanceof KafkaTransportConsumer kc)) {
            throw new IllegalArgumentException("commitTransaction needs a consumer of the kafka:// transport, got "
                    + consumer.getClass().getName());
        }
        txnLock.writeLock().lock();
        try {
            checkNotFenced();
            try {
                if (!offsets.isEmpty()) {
                    Map<TopicPartition, OffsetAndMetadata> m = new HashMap<>();
                    offsets.forEach((tp, off) -> m.put(new TopicPartition(tp.topic(), tp.partition()), new OffsetAndMetadata(off)));
                    var group = kc.groupMetadataSnapshot();
                    retryingTimeouts(() -> producer.sendOffsetsToTransaction(m, group));
                }
                retryingTimeouts(producer::commitTransaction);
            } catch (KafkaException e) {
                throw failed("commit", e);
            }
            begin();
        } finally {
            txnLock.writeLock().unlock();
        }
    }

    @Override
    public void abortTransaction() {
        txnLock.writeLock().lock();
        try {
            checkNotFenced();
            try {
                retryingTimeouts(producer::abortTransaction);
            } catch (KafkaException e) {
                throw failed("abort", e);
            }
            begin();
        } finally {
            txnLock.writeLock().unlock();
        }
    }

    /** Called with the write lock held: maps the error, aborting and reopening unless fenced. */
    private FaustException failed(String what, RuntimeException e) {
        if (isFenced(e)) {
            ProducerFencedException f = new ProducerFencedException("transactional id '" + transactionalId
                    + "' was taken over by another producer (a newer worker with the same id, or this one restarted) "
                    + "while trying to " + what + " a transaction: " + e.getMessage() + ". This worker must stop processing; "
                    + "its uncommitted output is discarded.", e);
            fenced = f;
            return f;
        }
        FaustException security = KafkaErrors.security(e, configs);
        if (security != null) {
            return security;
        }
        try {
            producer.abortTransaction();
            begin();
        } catch (RuntimeException abortError) {
            if (isFenced(abortError)) {
                return failed(what, abortError);
            }
            e.addSuppressed(abortError);
            return new FaustException("transaction " + what + " failed for transactional id '" + transactionalId
                    + "' and so did the abort that followed: " + e.getMessage() + ". The producer is unusable; restart the worker.",
                    e);
        }
        log.warn("[{}] transaction {} failed for '{}'; aborted it and opened the next: {}", configs.settings().appId(), what,
                transactionalId, e.toString());
        return new FaustException("transaction " + what + " failed for transactional id '" + transactionalId + "': "
                + e.getMessage() + ". It was aborted: nothing sent in it is visible to read_committed consumers, and its "
                + "offsets were not committed; rewind to the committed offsets and process again.", e);
    }

    /**
     * Kafka asks that a transactional call which timed out be called again (its result is pending;
     * anything else is refused), so it is, a few times, before the timeout counts as a failure.
     */
    private void retryingTimeouts(Runnable call) {
        for (int attempt = 1; ; attempt++) {
            try {
                call.run();
                return;
            } catch (TimeoutException e) {
                if (attempt == TIMEOUT_ATTEMPTS) {
                    throw e;
                }
                log.warn("[{}] transactional call timed out for '{}' (attempt {} of {}); calling it again: {}",
                        configs.settings().appId(), transactionalId, attempt, TIMEOUT_ATTEMPTS, e.getMessage());
            }
        }
    }

    private static boolean isFenced(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof org.apache.kafka.common.errors.ProducerFencedException || c instanceof InvalidProducerEpochException
                    || c instanceof org.apache.kafka.common.errors.TransactionCoordinatorFencedException) {
                return true;
            }
        }
        return false;
    }

    private void begin() {
        try {
            producer.beginTransaction();
        } catch (KafkaException e) {
            if (isFenced(e)) {
                throw failed("begin", e);
            }
            throw e;
        }
    }

    private void checkNotFenced() {
        ProducerFencedException f = fenced;
        if (f != null) {
            throw f;
        }
    }

    @Override
    public void close() {
        txnLock.writeLock().lock();
        try {
            if (fenced == null) {
                producer.abortTransaction();
            }
        } catch (KafkaException e) {
            log.debug("[{}] abort at close failed: {}", configs.settings().appId(), e.toString());
        } finally {
            txnLock.writeLock().unlock();
            super.close();
        }
    }
}
