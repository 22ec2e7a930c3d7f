package faust.kafka.internal;

import faust.errors.ImproperlyConfiguredException;
import faust.transport.Transport;
import faust.transport.TransportConfig;
import faust.transport.TransportFactory;
import java.net.URI;
import java.util.List;

/**
 * Registers {@code kafka://} (and Faust's alias {@code aiokafka://}) with the
 * {@link java.util.ServiceLoader}: {@code kafka://h1:9092;h2:9092}.
 */
public final class KafkaTransportFactory implements TransportFactory {
    /** Creates the factory (ServiceLoader needs a public no-arg constructor). */
    public KafkaTransportFactory() {}

    @Override
    public List<String> schemes() {
        return List.of("kafka", "aiokafka");
    }

    @Override
    public Transport create(List<URI> urls, TransportConfig config) {
        for (URI u : urls) {
            if (!schemes().contains(u.getScheme())) {
                throw new ImproperlyConfiguredException("broker " + urls + " mixes schemes: " + u + " is not kafka://; "
                        + "list Kafka brokers only, e.g. kafka://h1:9092;h2:9092");
            }
        }
        if (!urls.equals(config.brokers())) {
            throw new IllegalArgumentException("urls " + urls + " differ from the broker setting " + config.brokers());
        }
        return new KafkaTransport(config);
    }
}
