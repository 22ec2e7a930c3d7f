package faust.kafka.internal;

import faust.topic.TP;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The standby half of {@link FaustPartitionAssignor}, free of Kafka types: which members follow
 * which table changelog partitions (Faust's {@code table_standby_replicas}).
 *
 * <ul>
 *   <li><b>Never the active.</b> Changelog partition {@code p} of a table with {@code P} partitions is
 *       written by the member assigned partition {@code p} of the co-partitioned source topics (those
 *       with {@code P} partitions); its standbys are {@code min(replicas, members - 1)} other members.</li>
 *   <li><b>Co-located.</b> Partition {@code p} of every changelog with {@code P} partitions gets the same
 *       standbys, as its actives are co-located.</li>
 *   <li><b>Warm first, then balanced.</b> A member that already holds the partition's state (it was its
 *       standby or its active before) is preferred, unless it already follows more than one partition
 *       more than the least loaded candidate; otherwise the least loaded member gets it.</li>
 *   <li><b>Deterministic.</b> Members are taken in id order.</li>
 * </ul>
 */
final class StandbyAssignment {
    /** The leader-election topic ({@code {app_id}-__assignor-__leader}) decides no table's owner. */
    private static final String LEADER_SUFFIX = "-__assignor-__leader";

    private StandbyAssignment() {}

    /**
     * @param members the group's members, each with the partitions it owned before
     * @param previousStandbys member id to the changelog partitions it followed before
     * @param actives member id to its new partitions (from {@link CopartitionedAssignment})
     * @param partitionCounts partition count of each assigned topic
     * @param changelogs changelog topic to its partition count
     * @param replicas standbys wanted per partition
     * @return member id to the changelog partitions it follows; every member is present
     */
    static Map<String, Set<TP>> assign(List<CopartitionedAssignment.Member> members, Map<String, Set<TP>> previousStandbys,
                                       Map<String, Set<TP>> actives, Map<String, Integer> partitionCounts,
                                       Map<String, Integer> changelogs, int replicas) {
        List<CopartitionedAssignment.Member> ms = new ArrayList<>(members);
        ms.sort(Comparator.comparing(CopartitionedAssignment.Member::id));
        Map<String, Set<TP>> out = new TreeMap<>();
        for (CopartitionedAssignment.Member m : ms) {
            out.put(m.id(), new TreeSet<>());
        }
        int perPartition = Math.min(replicas, ms.size() - 1);
        if (perPartition <= 0 || changelogs.isEmpty()) {
            return out;
        }
        Map<Integer, List<String>> byCount = new TreeMap<>();
        changelogs.forEach((topic, count) -> byCount.computeIfAbsent(count, c -> new ArrayList<>()).add(topic));
        byCount.values().forEach(list -> list.sort(Comparator.naturalOrder()));
        int[] load = new int[ms.size()];
        for (Map.Entry<Integer, List<String>> g : byCount.entrySet()) {
            int count = g.getKey();
            List<String> group = g.getValue();
            for (int p = 0; p < count; p++) {
                int active = activeOf(ms, actives, partitionCounts, count, p);
                if (active < 0) {
                    continue;       // no member writes this partition: nothing to stand by for
                }
                for (int k = 0; k < perPartition; k++) {
                    int chosen = choose(ms, previousStandbys, partitionCounts, group, count, p, active, load, out);
                    if (chosen < 0) {
                        break;
                    }
                    load[chosen]++;
                    for (String changelog : group) {
                        Objects.requireNonNull(out.get(ms.get(chosen).id())).add(new TP(changelog, p));
                    }
                }
            }
        }
        return out;
    }

    /** @return the index of the member that writes partition p of the changelogs with this count, or -1 */
    private static int activeOf(List<CopartitionedAssignment.Member> ms, Map<String, Set<TP>> actives,
                                Map<String, Integer> partitionCounts, int count, int p) {
        for (int i = 0; i < ms.size(); i++) {
            for (TP tp : actives.getOrDefault(ms.get(i).id(), Set.of())) {
                if (tp.partition() == p && !tp.topic().endsWith(LEADER_SUFFIX)
                        && partitionCounts.getOrDefault(tp.topic(), -1) == count) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int choose(List<CopartitionedAssignment.Member> ms, Map<String, Set<TP>> previousStandbys,
                              Map<String, Integer> partitionCounts, List<String> group, int count, int p, int active,
                              int[] load, Map<String, Set<TP>> out) {
        int minLoad = Integer.MAX_VALUE;
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < ms.size(); i++) {
            if (i != active && !Objects.requireNonNull(out.get(ms.get(i).id())).contains(new TP(group.get(0), p))) {
                candidates.add(i);
                minLoad = Math.min(minLoad, load[i]);
            }
        }
        int best = -1;
        boolean bestWarm = false;
        for (int i : candidates) {
            boolean warm = load[i] <= minLoad + 1 && warm(ms.get(i), previousStandbys, partitionCounts, group, count, p);
            boolean better = best < 0 || (warm && !bestWarm) || (warm == bestWarm && load[i] < load[best]);
            if (better) {
                best = i;
                bestWarm = warm;
            }
        }
        return best;
    }

    /** @return whether the member held partition p of these changelogs before, as standby or active */
    private static boolean warm(CopartitionedAssignment.Member m, Map<String, Set<TP>> previousStandbys,
                                Map<String, Integer> partitionCounts, List<String> group, int count, int p) {
        for (TP tp : previousStandbys.getOrDefault(m.id(), Set.of())) {
            if (tp.partition() == p && group.contains(tp.topic())) {
                return true;
            }
        }
        for (TP tp : m.previous()) {
            if (tp.partition() == p && !tp.topic().endsWith(LEADER_SUFFIX)
                    && partitionCounts.getOrDefault(tp.topic(), -1) == count) {
                return true;
            }
        }
        return false;
    }
}
