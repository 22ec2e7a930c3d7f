package faust.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import faust.topic.TP;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupAssignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.RebalanceProtocol;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The assignor as Kafka's consumer drives it: subscription user data in, assignments and the group map out. */
class FaustPartitionAssignorTest {
    private static final Node NODE = new Node(0, "localhost", 9092);

    private static Cluster cluster(Map<String, Integer> topics) {
        List<PartitionInfo> parts = new ArrayList<>();
        topics.forEach((t, n) -> {
            for (int p = 0; p < n; p++) {
                parts.add(new PartitionInfo(t, p, NODE, new Node[] {NODE}, new Node[] {NODE}));
            }
        });
        return new Cluster("c", List.of(NODE), parts, Set.of(), Set.of());
    }

    private static FaustPartitionAssignor assignor(AssignorContext ctx) {
        FaustPartitionAssignor a = new FaustPartitionAssignor();
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(AssignorContext.CONFIG, ctx);
        a.configure(cfg);
        return a;
    }

    @Test
    void is_named_faust_java_and_rebalances_eagerly() {
        FaustPartitionAssignor a = new FaustPartitionAssignor();
        assertThat(a.name()).isEqualTo("faust-java");
        assertThat(a.supportedProtocols()).containsExactly(RebalanceProtocol.EAGER);
    }

    @Test
    void members_learn_the_whole_group_by_url_and_remember_their_assignment_for_the_next_rebalance() {
        AssignorContext c1 = new AssignorContext("app", URI.create("http://w1:6066"));
        AssignorContext c2 = new AssignorContext("app", URI.create("http://w2:6066"));
        FaustPartitionAssignor a1 = assignor(c1);
        FaustPartitionAssignor a2 = assignor(c2);
        List<String> topics = List.of("orders", "app-__assignor-__leader");
        Map<String, Subscription> subs = new HashMap<>();
        subs.put("member-1", new Subscription(topics, a1.subscriptionUserData(Set.copyOf(topics))));
        subs.put("member-2", new Subscription(topics, a2.subscriptionUserData(Set.copyOf(topics))));
        GroupAssignment ga = a1.assign(cluster(Map.of("orders", 4, "app-__assignor-__leader", 1)), new GroupSubscription(subs));

        Assignment as1 = ga.groupAssignment().get("member-1");
        Assignment as2 = ga.groupAssignment().get("member-2");
        a1.onAssignment(as1, new ConsumerGroupMetadata("app", 5, "member-1", Optional.empty()));
        a2.onAssignment(as2, new ConsumerGroupMetadata("app", 5, "member-2", Optional.empty()));

        Set<TP> mine1 = tps(as1.partitions());
        Set<TP> mine2 = tps(as2.partitions());
        assertThat(c1.previous()).isEqualTo(mine1);
        assertThat(c1.generation()).isEqualTo(5);
        Map<URI, Set<TP>> expected = Map.of(URI.create("http://w1:6066"), mine1, URI.create("http://w2:6066"), mine2);
        assertThat(c1.group()).isEqualTo(expected);
        assertThat(c2.group()).isEqualTo(expected);
        Set<TP> all = new HashSet<>(mine1);
        all.addAll(mine2);
        assertThat(all).hasSize(5);

        // the next subscription carries the assignment, so a rebalance with a third member keeps it
        AssignorContext c3 = new AssignorContext("app", URI.create("http://w3:6066"));
        subs.put("member-1", new Subscription(topics, a1.subscriptionUserData(Set.copyOf(topics))));
        subs.put("member-2", new Subscription(topics, a2.subscriptionUserData(Set.copyOf(topics))));
        subs.put("member-0", new Subscription(topics, assignor(c3).subscriptionUserData(Set.copyOf(topics))));
        GroupAssignment again = a2.assign(cluster(Map.of("orders", 4, "app-__assignor-__leader", 1)), new GroupSubscription(subs));
        assertThat(mine1).containsAll(tps(again.groupAssignment().get("member-1").partitions()));
        assertThat(mine2).containsAll(tps(again.groupAssignment().get("member-2").partitions()));
        assertThat(again.groupAssignment().get("member-0").partitions()).isNotEmpty();
    }

    @Test
    void subscriptions_without_faust_user_data_still_get_a_full_assignment() {
        FaustPartitionAssignor a = new FaustPartitionAssignor();
        Map<String, Subscription> subs = Map.of("x", new Subscription(List.of("t")), "y", new Subscription(List.of("t")));
        GroupAssignment ga = a.assign(cluster(Map.of("t", 3)), new GroupSubscription(subs));
        assertThat(ga.groupAssignment().values().stream().mapToInt(as -> as.partitions().size()).sum()).isEqualTo(3);
    }

    private static Set<TP> tps(List<TopicPartition> ps) {
        Set<TP> s = new HashSet<>();
        ps.forEach(p -> s.add(new TP(p.topic(), p.partition())));
        return s;
    }
}
