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
 * the same subscribers land on the same member.
 */
final class MemoryGroup {
    private final MemoryBroker broker;
    final String groupId;
    final Map<TP, Long> committed = new HashMap<>();
    private final List<MemoryConsumer> members = new ArrayList<>();
    private final Set<MemoryConsumer> synced = new HashSet<>();
    private final Map<MemoryConsumer, Set<TP>> assignment = new HashMap<>();
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

    private void rebalance() {
        generation++;
        synced.clear();
        assignment.clear();
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
        broker.changed.signalAll();
    }
}
