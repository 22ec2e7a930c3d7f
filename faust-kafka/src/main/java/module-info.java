/**
 * The {@code kafka://} transport, found by faust-core through {@link java.util.ServiceLoader}.
 * It exports no API; Kafka's clients instantiate its assignor, partitioner and SSL engine factory
 * by class name, so its internal package is exported to them alone.
 */
module faust.kafka {
    requires faust.core;
    requires kafka.clients;
    requires org.slf4j;
    requires static transitive org.jspecify;

    exports faust.kafka.internal to kafka.clients;

    provides faust.transport.TransportFactory with faust.kafka.internal.KafkaTransportFactory;
}
