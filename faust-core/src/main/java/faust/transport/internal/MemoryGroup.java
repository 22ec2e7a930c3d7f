package faust.transport.internal;

import faust.topic.TP;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A consumer group on the memory broker. Every change of membership or subscription starts a
 * new generation; a member's new assignment takes effect only when every member has revoked
 * its old partitions (an eager rebalance with a barrier, as Kafka's classic protocol), so no
 * partition is ever read by two members at once. All methods run under the broker lock.
 *
 * <p>Assignment is co-partitioned: among the members subscribed to a topic (in join order),
 * partition {@code p} goes to member {@code p % n}, so equal partition numbers of topics with
 * the same subscribers land on the same member. Standbys of a changelog partition {@code p} go to
 * the members that follow its active member in join order (the member assigned partition
 * {@code p} of a topic with as many partitions as the changelog).
 */
final class MemoryGroup {
    /** The leader-election topic ({@code {app_id}-__assignor-__leader}) decides no table's owner. */
    private static final String LEADER_SUFFIX = "-__assignor-__leader";
    private final MemoryBroker broker;
    final String groupId;
    final Map<TP, Long> committed = new HashMap<>();
    private final List<MemoryConsumer> members = new ArrayList<>();
    private final Set<MemoryConsumer> synced = new HashSet<>();
    private final Map<MemoryConsumer, Set<TP>> assignment = new HashMap<>();
    private final Map<MemoryConsumer, Set<TP>> standbys = new HashMap<>();
    private int generation;

    MemoryGroup(MemoryBroker broker, String groupId) {
        this.broker = broker;
        this.groupId = groupId;
    }

    int generation() {
        return generation;
    }

    void join(MemoryConsumer member) {
        if (!members.contains(member)) {
            members.add(member);
        }
        rebalance();
    }

    void leave(MemoryConsumer member) {
        if (members.remove(member)) {
            rebalance();
        }
    }

    void topicCreated(String topic) {
        for (MemoryConsumer m : members) {
            if (m.subscribes(topic)) {
                rebalance();
                return;
            }
        }
    }

    void sync(MemoryConsumer member) {
        synced.add(member);
        broker.changed.signalAll();
    }

    boolean ready() {
        return synced.containsAll(members);
    }

    /** @return whether every member took its assignment of the current generation */
    boolean settled() {
        for (MemoryConsumer m : members) {
            if (m.assignedGeneration() != generation) {
                return false;
            }
        }
        return true;
    }

    Set<TP> assignmentOf(MemoryConsumer member) {
        return assignment.getOrDefault(member, Set.of());
    }

    Set<TP> standbysOf(MemoryConsumer member) {
        return Set.copyOf(standbys.getOrDefault(member, Set.of()));
    }

    private void rebalance() {
        generation++;
        synced.clear();
        assignment.clear();
        standbys.clear();
        for (MemoryConsumer m : members) {
            assignment.put(m, new HashSet<>());
        }
        broker.topicPartitions().forEach((topic, partitions) -> {
            List<MemoryConsumer> subscribers = new ArrayList<>();
            for (MemoryConsumer m : members) {
                if (m.subscribes(topic)) {
                    subscribers.add(m);
                }
            }
            if (subscribers.isEmpty()) {
                return;
            }
            for (int p = 0; p < partitions; p++) {
                Objects.requireNonNull(assignment.get(subscribers.get(p % subscribers.size()))).add(new TP(topic, p));
            }
        });
        assignStandbys();
        broker.changed.signalAll();
    }

    private void assignStandbys() {
        for (MemoryConsumer m : members) {
            int replicas = Math.min(m.standbyReplicas(), members.size() - 1);
            m.standbyChangelogs().forEach((changelog, partitions) -> {
                for (int p = 0; p < partitions; p++) {
                    int active = activeOf(p, partitions);
                    if (active < 0 || members.get(active) == m) {
                        continue;
                    }
                    int after = Math.floorMod(members.indexOf(m) - active, members.size());
                    if (after >= 1 && after <= replicas) {
                        standbys.computeIfAbsent(m, x -> new HashSet<>()).add(new TP(changelog, p));
                    }
                }
            });
        }
    }

    /** @return the index of the member assigned partition p of a topic with this many partitions, or -1 */
    private int activeOf(int p, int partitions) {
        for (int i = 0; i < members.size(); i++) {
            for (TP tp : Objects.requireNonNull(assignment.get(members.get(i)))) {
                if (tp.partition() == p && !tp.topic().endsWith(LEADER_SUFFIX)
                        && broker.topicPartitions().getOrDefault(tp.topic(), 0) == partitions) {
                    return i;
                }
            }
        }
        return -1;
    }
}
