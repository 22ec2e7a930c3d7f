package faust.transport;

import java.util.OptionalInt;

/**
 * A connection to a broker (Kafka, or the in-process memory broker): creates consumers and
 * producers and declares topics. Thread-safe.
 */
public interface Transport extends AutoCloseable {
    /**
     * @param groupId consumer group
     * @param clientId client id used in logs and broker metrics
     * @param ackListener told when a fetched message has been fully processed
     * @param generation the runtime's current rebalance generation, stamped on each fetched message
     * @return a new consumer; owned by one thread
     */
    TransportConsumer createConsumer(String groupId, String clientId, faust.stream.Message.AckListener ackListener,
                                     java.util.function.IntSupplier generation);

    /** @return a producer */
    TransportProducer createProducer();

    /**
     * A producer for {@code processing_guarantee=exactly_once}: one per worker, with a transaction
     * always open (see {@link TransportProducer}). Consumers the transport creates for the same app
     * then read only committed messages.
     *
     * @param transactionalId stable per worker, so a restarted worker fences its predecessor
     * @return a transactional producer
     * @throws faust.errors.ImproperlyConfiguredException when the transport cannot do transactions
     */
    TransportProducer createTransactionalProducer(String transactionalId);

    /**
     * Creates the topic if it does not exist.
     *
     * @param declaration what the topic should look like
     */
    void declareTopic(TopicDeclaration declaration);

    /**
     * @param topic a topic
     * @return its partition count, or empty when it does not exist
     */
    OptionalInt partitionCount(String topic);

    @Override
    void close();
}
