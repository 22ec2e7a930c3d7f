package faust.transport;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a topic should look like when it is created.
 *
 * @param name topic name
 * @param partitions number of partitions
 * @param replicas replication factor
 * @param retention retention, or null for the broker default
 * @param compacting cleanup policy includes compact
 * @param deleting cleanup policy includes delete
 * @param config extra topic configuration
 */
public record TopicDeclaration(String name, int partitions, int replicas, @Nullable Duration retention,
                               boolean compacting, boolean deleting, Map<String, String> config) {
    /** Validates the parts. */
    public TopicDeclaration {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1 for topic " + name + ", got " + partitions);
        }
        config = Map.copyOf(config);
    }
}
