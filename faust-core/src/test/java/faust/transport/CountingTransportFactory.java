package faust.transport;

import faust.transport.internal.MemoryBroker;
import faust.transport.internal.MemoryTransport;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test transport {@code counting://name}: the memory transport, recording every topic declaration
 * it is asked for ({@link #declared}), so a test can see how often an app declares each topic.
 */
public final class CountingTransportFactory implements TransportFactory {
    private static final Map<String, List<String>> DECLARED = new ConcurrentHashMap<>();

    /** For ServiceLoader. */
    public CountingTransportFactory() {}

    /**
     * @param name the authority of the {@code counting://} URL
     * @return the names of the topics declared through it, in order, one entry per declaration
     */
    public static List<String> declared(String name) {
        return List.copyOf(DECLARED.getOrDefault(name, List.of()));
    }

    @Override
    public List<String> schemes() {
        return List.of("counting");
    }

    @Override
    public Transport create(List<URI> urls, TransportConfig config) {
        String name = urls.get(0).getAuthority();
        List<String> log = DECLARED.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
        return new ForwardingTransport(new MemoryTransport(MemoryBroker.named("counting-" + name), 1)) {
            @Override
            public void declareTopic(TopicDeclaration declaration) {
                log.add(declaration.name());
                super.declareTopic(declaration);
            }
        };
    }
}
