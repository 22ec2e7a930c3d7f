package faust.kafka.internal;

import faust.topic.TP;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The assignment algorithm of {@link FaustPartitionAssignor}, free of Kafka types so that it can be
 * tested on its own.
 *
 * <ul>
 *   <li><b>Co-partitioned.</b> Topics with the same partition count and the same subscribers form a
 *       group; the unit of assignment is a partition number of a group, so partition {@code p} of
 *       every topic in the group goes to the same member.</li>
 *   <li><b>Balanced.</b> In each group every subscriber gets {@code floor(P/n)} or {@code ceil(P/n)}
 *       partition numbers; the extra ones go to the members with the least load so far (over all
 *       groups), so when every member subscribes the same topics totals differ by at most one.</li>
 *   <li><b>Sticky.</b> A member keeps the partitions it owned before (as it reports them) as far as its
 *       quota allows; when two report the same one, the newer generation wins.</li>
 *   <li><b>Deterministic.</b> The same input always gives the same output: members are ordered by id
 *       and no hash order is used.</li>
 * </ul>
 */
final class CopartitionedAssignment {
    private CopartitionedAssignment() {}

    /**
     * One member's subscription.
     *
     * @param id member id (Kafka's member id)
     * @param topics topics it subscribes to
     * @param previous partitions it owned after the last rebalance it took part in
     * @param generation the generation of that assignment, -1 when it has none
     */
    record Member(String id, Set<String> topics, Set<TP> previous, int generation) {
        Member {
            Objects.requireNonNull(id, "id");
            topics = Set.copyOf(topics);
            previous = Set.copyOf(previous);
        }
    }

    /** Topics assigned as one: the same partition count and the same subscribers. */
    private record Group(int partitions, List<Integer> subscribers, List<String> topics) {}

    /**
     * @param members the group's members
     * @param partitionCounts partition count of each topic known to exist; others are skipped
     * @return member id to its partitions; every member is present
     */
    static Map<String, Set<TP>> assign(List<Member> members, Map<String, Integer> partitionCounts) {
        List<Member> ms = new ArrayList<>(members);
        ms.sort(Comparator.comparing(Member::id));
        Map<String, Set<TP>> out = new TreeMap<>();
        for (Member m : ms) {
            out.put(m.id(), new TreeSet<>());
        }
        List<Group> groups = groups(ms, partitionCounts);
        int[] load = new int[ms.size()];
        for (Group g : groups) {
            int[] owner = assignGroup(g, ms, load);
            for (int p = 0; p < owner.length; p++) {
                for (String t : g.topics()) {
                    Objects.requireNonNull(out.get(ms.get(owner[p]).id())).add(new TP(t, p));
                }
            }
        }
        return out;
    }

    private static List<Group> groups(List<Member> ms, Map<String, Integer> partitionCounts) {
        Map<String, Group> byKey = new TreeMap<>();
        Set<String> topics = new TreeSet<>();
        for (Member m : ms) {
            topics.addAll(m.topics());
        }
        for (String t : topics) {
            Integer count = partitionCounts.get(t);
            if (count == null || count < 1) {
                continue;
            }
            List<Integer> subs = new ArrayList<>();
            for (int i = 0; i < ms.size(); i++) {
                if (ms.get(i).topics().contains(t)) {
                    subs.add(i);
                }
            }
            String key = String.format("%010d", Integer.MAX_VALUE - count) + subs;
            byKey.computeIfAbsent(key, k -> new Group(count, subs, new ArrayList<>())).topics().add(t);
        }
        return new ArrayList<>(byKey.values());   // larger partition counts first: they matter most for balance
    }

    /** @return for each partition number of the group, the index of the member that gets it */
    private static int[] assignGroup(Group g, List<Member> ms, int[] load) {
        int n = g.subscribers().size();
        int[] claimant = claims(g, ms);
        int[] claimedCount = new int[ms.size()];
        for (int c : claimant) {
            if (c >= 0) {
                claimedCount[c]++;
            }
        }
        int[] quota = new int[ms.size()];
        List<Integer> subs = new ArrayList<>(g.subscribers());
        for (int i : subs) {
            quota[i] = g.partitions() / n;
        }
        subs.sort(Comparator.<Integer>comparingInt(i -> load[i]).thenComparing(i -> -claimedCount[i]).thenComparing(i -> i));
        for (int k = 0; k < g.partitions() % n; k++) {
            quota[subs.get(k)]++;
        }
        int[] owner = new int[g.partitions()];
        Arrays.fill(owner, -1);
        for (int p = 0; p < owner.length; p++) {          // keep what each owned, within its quota
            int c = claimant[p];
            if (c >= 0 && quota[c] > 0) {
                owner[p] = c;
                quota[c]--;
            }
        }
        for (int p = 0; p < owner.length; p++) {          // hand out the rest to whoever has most room
            if (owner[p] >= 0) {
                continue;
            }
            int best = -1;
            for (int i : g.subscribers()) {
                if (quota[i] > 0 && (best < 0 || quota[i] > quota[best])) {
                    best = i;
                }
            }
            owner[p] = best;
            quota[best]--;
        }
        for (int o : owner) {
            load[o]++;
        }
        return owner;
    }

    /** @return for each partition number, the subscriber that owned it before (-1 for none) */
    private static int[] claims(Group g, List<Member> ms) {
        int[] claimant = new int[g.partitions()];
        int[] claimGen = new int[g.partitions()];
        int[] claimTopics = new int[g.partitions()];
        Arrays.fill(claimant, -1);
        for (int i : g.subscribers()) {
            Member m = ms.get(i);
            Map<Integer, Integer> owned = new HashMap<>();
            for (TP tp : m.previous()) {
                if (tp.partition() < g.partitions() && g.topics().contains(tp.topic())) {
                    owned.merge(tp.partition(), 1, Integer::sum);
                }
            }
            for (Map.Entry<Integer, Integer> e : owned.entrySet()) {
                int p = e.getKey();
                int c = claimant[p];
                boolean better = c < 0 || m.generation() > claimGen[p]
                        || (m.generation() == claimGen[p] && e.getValue() > claimTopics[p]);
                if (better) {
                    claimant[p] = i;
                    claimGen[p] = m.generation();
                    claimTopics[p] = e.getValue();
                }
            }
        }
        return claimant;
    }
}
