package faust.kafka.internal;

import faust.topic.TP;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * faust-java's client-side partition assignor, registered through
 * {@code partition.assignment.strategy}: co-partitioned, balanced, sticky and deterministic (see
 * {@link CopartitionedAssignment}), with eager rebalancing. Each member's web URL travels in its
 * subscription, and every member gets the whole group's URL-to-partitions map back in its
 * assignment, for routing table queries; each member's tables' changelogs travel too, and each
 * member gets back the changelog partitions it follows as a standby (see {@link StandbyAssignment}). Its protocol name, {@code faust-java}, differs from Python
 * Faust's {@code faust} so that the two never share a group by accident (their user data differ).
 */
public final class FaustPartitionAssignor implements ConsumerPartitionAssignor, Configurable {
    private static final Logger log = LoggerFactory.getLogger(FaustPartitionAssignor.class);
    static final String NAME = "faust-java";

    private AssignorContext context = new AssignorContext("?", null);

    /** Created by Kafka's consumer from {@code partition.assignment.strategy}. */
    public FaustPartitionAssignor() {}

    @Override
    public void configure(Map<String, ?> configs) {
        if (configs.get(AssignorContext.CONFIG) instanceof AssignorContext c) {
            context = c;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<RebalanceProtocol> supportedProtocols() {
        return List.of(RebalanceProtocol.EAGER);
    }

    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        return AssignorCodec.encodeSubscription(context.subscription());
    }

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
        Map<String, Subscription> subs = groupSubscription.groupSubscription();
        List<CopartitionedAssignment.Member> members = new ArrayList<>();
        Map<String, @Nullable URI> urls = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        Set<String> missing = new HashSet<>();
        Map<String, Set<TP>> previousStandbys = new HashMap<>();
        Map<String, Integer> changelogs = new HashMap<>();
        int replicas = 0;
        for (Map.Entry<String, Subscription> e : subs.entrySet()) {
            AssignorCodec.SubscriptionInfo info = AssignorCodec.decodeSubscription(e.getValue().userData());
            urls.put(e.getKey(), info.url());
            previousStandbys.put(e.getKey(), info.previousStandbys());
            changelogs.putAll(info.changelogs());
            replicas = Math.max(replicas, info.replicas());
            members.add(new CopartitionedAssignment.Member(e.getKey(), Set.copyOf(e.getValue().topics()), info.previous(),
                    info.generation()));
            for (String t : e.getValue().topics()) {
                Integer n = metadata.partitionCountForTopic(t);
                if (n == null) {
                    missing.add(t);
                } else {
                    counts.put(t, n);
                }
            }
        }
        Map<String, Set<TP>> result = CopartitionedAssignment.assign(members, counts);
        Map<String, Set<TP>> standbys = StandbyAssignment.assign(members, previousStandbys, result, counts, changelogs,
                replicas);
        Map<URI, Set<TP>> byUrl = new LinkedHashMap<>();
        result.forEach((member, tps) -> {
            URI url = urls.get(member);
            if (url != null) {
                byUrl.merge(url, tps, (a, b) -> {
                    Set<TP> u = new HashSet<>(a);
                    u.addAll(b);
                    return u;
                });
            }
        });
        Map<String, Assignment> out = new HashMap<>();
        result.forEach((member, tps) -> {
            List<TopicPartition> list = new ArrayList<>(tps.size());
            for (TP tp : tps) {
                list.add(new TopicPartition(tp.topic(), tp.partition()));
            }
            ByteBuffer data = AssignorCodec.encodeAssignment(byUrl, standbys.getOrDefault(member, Set.of()));
            out.put(member, new Assignment(list, data));
        });
        int standbyCount = standbys.values().stream().mapToInt(Set::size).sum();
        log.info("[{}] assigned {} topics to {} members, {} changelog partitions to standbys{}", context.appId,
                counts.size(), members.size(), standbyCount,
                missing.isEmpty() ? "" : "; not yet existing, skipped: " + missing);
        return new GroupAssignment(out);
    }

    @Override
    public void onAssignment(Assignment assignment, @Nullable ConsumerGroupMetadata metadata) {
        Set<TP> mine = new HashSet<>();
        for (TopicPartition p : assignment.partitions()) {
            mine.add(new TP(p.topic(), p.partition()));
        }
        context.assigned(mine, metadata == null ? -1 : metadata.generationId(), AssignorCodec.decodeGroup(assignment.userData()),
                AssignorCodec.decodeStandbys(assignment.userData()));
    }
}
