package faust.transport;

import java.util.OptionalInt;
import java.util.function.IntSupplier;

/**
 * A transport that hands every call to another one; the test transports ({@code failing://},
 * {@code gated://}, {@code counting://}) override what they change. The interface's default
 * methods ({@link #declareTopics}, {@link #checkCopartitioned}) are not forwarded, so they go
 * through this transport's overrides.
 */
class ForwardingTransport implements Transport {
    private final Transport inner;

    /** @param inner the transport that does the work */
    ForwardingTransport(Transport inner) {
        this.inner = inner;
    }

    @Override
    public TransportConsumer createConsumer(String groupId, String clientId, TrackedMessage.AckListener ackListener,
                                            IntSupplier generation) {
        return inner.createConsumer(groupId, clientId, ackListener, generation);
    }

    @Override
    public TransportReader createReader(String clientId) {
        return inner.createReader(clientId);
    }

    @Override
    public TransportProducer createProducer() {
        return inner.createProducer();
    }

    @Override
    public TransportProducer createTransactionalProducer(String transactionalId) {
        return inner.createTransactionalProducer(transactionalId);
    }

    @Override
    public void declareTopic(TopicDeclaration declaration) {
        inner.declareTopic(declaration);
    }

    @Override
    public OptionalInt partitionCount(String topic) {
        return inner.partitionCount(topic);
    }

    @Override
    public void close() {
        inner.close();
    }
}
