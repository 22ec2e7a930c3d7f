package faust.transport.internal;

import faust.stream.Headers;
import faust.topic.RecordMetadata;
import faust.topic.TP;
import faust.transport.TransportConsumer;
import faust.transport.TransportProducer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * A transactional producer on the {@link MemoryBroker}: records are appended at once (their
 * futures complete, as Kafka acknowledges writes before the transaction ends) but read_committed
 * consumers see them only after {@link #commitTransaction}; an abort hides them for good.
 */
final class MemoryTransactionalProducer implements TransportProducer {
    private final MemoryBroker broker;
    private final int defaultPartitions;
    /** Sends share it; ending a transaction takes it exclusively, so no send straddles two transactions. */
    private final ReentrantReadWriteLock txnLock = new ReentrantReadWriteLock();
    private volatile MemoryBroker.MemoryTxn txn = new MemoryBroker.MemoryTxn();

    MemoryTransactionalProducer(MemoryBroker broker, int defaultPartitions) {
        this.broker = broker;
        this.defaultPartitions = defaultPartitions;
    }

    @Override
    public CompletableFuture<RecordMetadata> send(String topic, @Nullable Integer partition, @Nullable Long timestamp,
                                                  byte @Nullable [] key, byte @Nullable [] value, Headers headers) {
        txnLock.readLock().lock();
        try {
            return CompletableFuture.completedFuture(
                    broker.append(topic, partition, timestamp, key, value, headers, defaultPartitions, txn));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
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
        String groupId = consumer instanceof MemoryConsumer mc ? mc.groupId() : null;
        end(true, groupId, offsets);
    }

    @Override
    public void abortTransaction() {
        end(false, null, Map.of());
    }

    private void end(boolean commit, @Nullable String groupId, Map<TP, Long> offsets) {
        txnLock.writeLock().lock();
        try {
            broker.endTransaction(txn, commit, groupId, offsets);
            txn = new MemoryBroker.MemoryTxn();
        } finally {
            txnLock.writeLock().unlock();
        }
    }

    @Override
    public void flush() {
        // appends are synchronous
    }

    @Override
    public int partitionForKey(String topic, byte @Nullable [] key) {
        int n = broker.partitionCount(topic).orElse(defaultPartitions);
        return key == null ? 0 : Partitioner.partitionFor(key, n);
    }

    @Override
    public void close() {
        abortTransaction();
    }
}
