package faust.kafka.internal;

import faust.topic.TP;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What one consumer's {@link FaustPartitionAssignor} remembers between rebalances and shares with
 * the consumer: this worker's URL, the standbys its tables ask for, its last assignment and
 * standbys (sent in the next subscription, for stickiness), and the whole group's
 * URL-to-partitions map. Kafka creates the assignor itself, so
 * this object reaches it through the config entry {@link #CONFIG}.
 */
final class AssignorContext {
    static final String CONFIG = "faust.assignor.context";

    final String appId;
    final @Nullable URI url;
    private volatile Set<TP> previous = Set.of();
    private volatile int generation = -1;
    private volatile Map<URI, Set<TP>> group = Map.of();
    private volatile Set<TP> standbys = Set.of();
    private volatile Map<String, Integer> changelogs = Map.of();
    private volatile int replicas;

    /**
     * @param appId for log lines
     * @param url this worker's web URL, or null when unknown
     */
    AssignorContext(String appId, @Nullable URI url) {
        this.appId = appId;
        this.url = url;
    }

    Set<TP> previous() {
        return previous;
    }

    int generation() {
        return generation;
    }

    Map<URI, Set<TP>> group() {
        return group;
    }

    /** @return the changelog partitions this member follows, as of the last assignment */
    Set<TP> standbys() {
        return standbys;
    }

    /**
     * @param changelogs changelog topic to partition count, of the tables that want standbys
     * @param replicas standbys per partition
     */
    void requestStandbys(Map<String, Integer> changelogs, int replicas) {
        this.changelogs = Map.copyOf(changelogs);
        this.replicas = replicas;
    }

    /** @return what this member says about itself when it joins */
    AssignorCodec.SubscriptionInfo subscription() {
        return new AssignorCodec.SubscriptionInfo(url, generation, previous, replicas, changelogs, standbys);
    }

    void assigned(Set<TP> mine, int generation, Map<URI, Set<TP>> group, Set<TP> standbys) {
        this.previous = Set.copyOf(mine);
        this.generation = generation;
        this.group = group;
        this.standbys = Set.copyOf(standbys);
    }
}
