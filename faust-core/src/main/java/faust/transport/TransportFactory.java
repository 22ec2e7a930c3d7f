package faust.transport;

import java.net.URI;
import java.util.List;

/**
 * Creates transports for URL schemes; found with {@link java.util.ServiceLoader}, so core
 * never names a driver. {@code memory://} is built in; {@code kafka://} comes with faust-kafka.
 */
public interface TransportFactory {
    /** @return the URL schemes handled, e.g. {@code memory} or {@code kafka} */
    List<String> schemes();

    /**
     * @param urls broker URLs as configured (one or more)
     * @param config the app id, guarantee, credentials and the broker, consumer and producer settings
     * @return a transport
     */
    Transport create(List<URI> urls, TransportConfig config);
}
