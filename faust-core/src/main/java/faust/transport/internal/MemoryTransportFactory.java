package faust.transport.internal;

import faust.transport.Transport;
import faust.transport.TransportConfig;
import faust.transport.TransportFactory;
import java.net.URI;
import java.util.List;

/** Registers {@code memory://} with the {@link java.util.ServiceLoader}. */
public final class MemoryTransportFactory implements TransportFactory {
    /** Creates the factory (ServiceLoader needs a public no-arg constructor). */
    public MemoryTransportFactory() {}

    @Override
    public List<String> schemes() {
        return List.of("memory");
    }

    @Override
    public Transport create(List<URI> urls, TransportConfig config) {
        String authority = urls.get(0).getAuthority();
        return new MemoryTransport(MemoryBroker.named(authority == null ? "" : authority), config.defaultPartitions(),
                config.exactlyOnce());
    }
}
