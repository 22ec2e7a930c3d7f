package faust.kafka.internal;

import faust.errors.ImproperlyConfiguredException;
import faust.settings.BrokerSettings;
import faust.transport.TopicDeclaration;
import faust.transport.TrackedMessage;
import faust.transport.Transport;
import faust.transport.TransportConfig;
import faust.transport.TransportConsumer;
import faust.transport.TransportProducer;
import faust.transport.TransportReader;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntSupplier;

/**
 * The {@code kafka://} transport: consumers, producers and topic declaration on Apache Kafka's own
 * clients, configured from the app's settings (see docs/kafka.md for the mapping). Thread-safe.
 */
public final class KafkaTransport implements Transport {
    private final KafkaConfigs configs;
    private final TopicAdmin admin;

    /**
     * @param config the app's transport configuration; {@code broker} holds the Kafka URLs
     * @throws faust.errors.ImproperlyConfiguredException when a setting cannot be mapped
     */
    public KafkaTransport(TransportConfig config) {
        this.configs = new KafkaConfigs(config);
        this.admin = new TopicAdmin(configs);
    }

    /** @return Kafka's {@code bootstrap.servers} for the broker URLs */
    public String bootstrapServers() {
        return configs.bootstrapServers();
    }

    @Override
    public TransportConsumer createConsumer(String groupId, String clientId, TrackedMessage.AckListener ackListener,
                                            IntSupplier generation) {
        return new KafkaTransportConsumer(configs, groupId, clientId, ackListener, generation);
    }

    @Override
    public TransportReader createReader(String clientId) {
        return new KafkaTransportReader(configs, clientId);
    }

    @Override
    public TransportProducer createProducer() {
        return new KafkaTransportProducer(configs, configs.settings().get(BrokerSettings.BROKER_CLIENT_ID), null);
    }

    @Override
    public TransportProducer createTransactionalProducer(String transactionalId) {
        String problem = admin.transactionStateLogProblem();
        if (problem != null) {
            // initTransactions would only block until max.block.ms and then time out
            throw new ImproperlyConfiguredException("processing_guarantee=exactly_once: the Kafka broker at "
                    + configs.bootstrapServers() + " cannot host transactions: " + problem + ". "
                    + KafkaTransactionalProducer.BROKER_NEEDS);
        }
        return new KafkaTransactionalProducer(configs, configs.settings().get(BrokerSettings.BROKER_CLIENT_ID), transactionalId);
    }

    @Override
    public void declareTopic(TopicDeclaration declaration) {
        admin.declare(declaration);
    }

    @Override
    public void declareTopics(List<TopicDeclaration> declarations) {
        admin.declareAll(declarations);
    }

    @Override
    public OptionalInt partitionCount(String topic) {
        return admin.partitionCount(topic);
    }

    @Override
    public void close() {
        admin.close();
    }
}
