package faust.transport;

import faust.errors.ImproperlyConfiguredException;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

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
    TransportConsumer createConsumer(String groupId, String clientId, TrackedMessage.AckListener ackListener,
                                     IntSupplier generation);

    /**
     * @param clientId client id used in logs and broker metrics
     * @return a reader of chosen partitions outside any group, for changelogs; owned by one thread
     */
    TransportReader createReader(String clientId);

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
     * Creates the topics that do not exist, as {@link #declareTopic} does for each: an app declares
     * all its topics at start with one call. The default declares them one by one; a transport
     * whose broker takes several at once (Kafka's does) overrides it to save round trips.
     *
     * @param declarations what the topics should look like
     */
    default void declareTopics(List<TopicDeclaration> declarations) {
        for (TopicDeclaration d : declarations) {
            declareTopic(d);
        }
    }

    /**
     * @param topic a topic
     * @return its partition count, or empty when it does not exist
     */
    OptionalInt partitionCount(String topic);

    /**
     * Checks that topics read together (by one agent or stream, or a table and its source) have
     * the same number of partitions, so that partition {@code p} of each lands on the same worker.
     *
     * @param reader what reads them, named in the error (e.g. {@code agent 'count'})
     * @param topics the topics; those that do not exist yet are skipped
     * @throws faust.errors.ImproperlyConfiguredException naming two topics whose counts differ, both
     *     counts and the fix
     */
    default void checkCopartitioned(String reader, Collection<String> topics) {
        @Nullable String first = null;
        int firstCount = 0;
        for (String t : topics) {
            OptionalInt n = partitionCount(t);
            if (n.isEmpty()) {
                continue;
            }
            if (first == null) {
                first = t;
                firstCount = n.getAsInt();
            } else if (n.getAsInt() != firstCount) {
                throw new ImproperlyConfiguredException(reader + " reads topics that are not co-partitioned: '" + first
                        + "' has " + firstCount + " partitions but '" + t + "' has " + n.getAsInt()
                        + ". Topics read together must have the same number of partitions; recreate one of them, "
                        + "or repartition with groupBy/through into a topic with " + firstCount + " partitions.");
            }
        }
    }

    @Override
    void close();
}
