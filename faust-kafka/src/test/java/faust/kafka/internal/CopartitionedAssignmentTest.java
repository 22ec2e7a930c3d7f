package faust.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import faust.kafka.internal.CopartitionedAssignment.Member;
import faust.topic.TP;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CopartitionedAssignmentTest {
    private static final String LEADER = "app-__assignor-__leader";

    private static Member fresh(String id, Set<String> topics) {
        return new Member(id, topics, Set.of(), -1);
    }

    private static List<Member> members(int n, Set<String> topics) {
        List<Member> ms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ms.add(fresh("m" + i, topics));
        }
        return ms;
    }

    /** The members again, each reporting what it got in {@code result} at generation {@code gen}. */
    private static List<Member> next(List<Member> ms, Map<String, Set<TP>> result, int gen) {
        List<Member> out = new ArrayList<>();
        for (Member m : ms) {
            out.add(new Member(m.id(), m.topics(), result.getOrDefault(m.id(), Set.of()), gen));
        }
        return out;
    }

    private static Map<String, Integer> owners(Map<String, Set<TP>> result, TP tp) {
        Map<String, Integer> m = new HashMap<>();
        result.forEach((id, tps) -> {
            if (tps.contains(tp)) {
                m.merge(id, 1, Integer::sum);
            }
        });
        return m;
    }

    private static String ownerOf(Map<String, Set<TP>> result, TP tp) {
        Map<String, Integer> o = owners(result, tp);
        assertThat(o).as("owners of %s", tp).hasSize(1);
        return o.keySet().iterator().next();
    }

    private static int count(Set<TP> tps, String topic) {
        return (int) tps.stream().filter(tp -> tp.topic().equals(topic)).count();
    }

    @Test
    void every_partition_goes_to_exactly_one_subscriber() {
        Map<String, Integer> counts = Map.of("a", 7, "b", 3, LEADER, 1);
        Map<String, Set<TP>> r = CopartitionedAssignment.assign(members(3, Set.of("a", "b", LEADER)), counts);
        counts.forEach((t, n) -> {
            for (int p = 0; p < n; p++) {
                ownerOf(r, new TP(t, p));
            }
        });
        assertThat(r.values().stream().mapToInt(Set::size).sum()).isEqualTo(11);
    }

    @Test
    void exactly_one_member_gets_the_leader_partition() {
        for (int n = 1; n <= 6; n++) {
            Map<String, Set<TP>> r = CopartitionedAssignment.assign(members(n, Set.of("orders", LEADER)),
                    Map.of("orders", 8, LEADER, 1));
            assertThat(owners(r, new TP(LEADER, 0))).hasSize(1);
        }
    }

    @Test
    void topics_with_equal_partition_counts_get_the_same_partition_numbers_on_the_same_member() {
        Map<String, Integer> counts = Map.of("orders", 12, "orders-changelog", 12, "payments", 12, "clicks", 5);
        Map<String, Set<TP>> r = CopartitionedAssignment.assign(members(5, counts.keySet()), counts);
        for (int p = 0; p < 12; p++) {
            String o = ownerOf(r, new TP("orders", p));
            assertThat(ownerOf(r, new TP("orders-changelog", p))).isEqualTo(o);
            assertThat(ownerOf(r, new TP("payments", p))).isEqualTo(o);
        }
    }

    @Test
    void a_topic_goes_only_to_members_subscribed_to_it() {
        List<Member> ms = List.of(fresh("a", Set.of("x", "y")), fresh("b", Set.of("x")), fresh("c", Set.of("y")));
        Map<String, Set<TP>> r = CopartitionedAssignment.assign(ms, Map.of("x", 4, "y", 4));
        for (int p = 0; p < 4; p++) {
            assertThat(ownerOf(r, new TP("x", p))).isIn("a", "b");
            assertThat(ownerOf(r, new TP("y", p))).isIn("a", "c");
        }
        assertThat(count(r.get("b"), "x")).isEqualTo(2);
        assertThat(count(r.get("c"), "y")).isEqualTo(2);
    }

    @Test
    void topics_that_do_not_exist_yet_are_skipped_and_every_member_is_in_the_result() {
        Map<String, Set<TP>> r = CopartitionedAssignment.assign(members(2, Set.of("exists", "later")), Map.of("exists", 1));
        assertThat(r).containsOnlyKeys("m0", "m1");
        assertThat(r.values().stream().flatMap(Set::stream).toList()).containsExactly(new TP("exists", 0));
    }

    @ParameterizedTest(name = "{0} members, {1} partitions")
    @CsvSource({"1,1", "2,1", "3,8", "4,8", "5,12", "7,100", "10,3", "6,6"})
    void each_member_gets_floor_or_ceil_of_its_share(int n, int partitions) {
        Map<String, Set<TP>> r = CopartitionedAssignment.assign(members(n, Set.of("t", "u")), Map.of("t", partitions, "u", partitions));
        for (Set<TP> tps : r.values()) {
            assertThat(count(tps, "t")).isBetween(partitions / n, (partitions + n - 1) / n);
            assertThat(count(tps, "u")).isEqualTo(count(tps, "t"));
        }
    }

    @Test
    void totals_over_several_topic_groups_differ_by_at_most_one() {
        Map<String, Integer> counts = Map.of("a", 1, "b", 1, "c", 3, "d", 5, "e", 7, LEADER, 1);
        Map<String, Set<TP>> r = CopartitionedAssignment.assign(members(4, counts.keySet()), counts);
        // "a", "b" and the leader share a group (same count, same subscribers): one unit per partition number
        List<Integer> units = r.values().stream().map(tps -> (int) tps.stream()
                .filter(tp -> !tp.topic().equals("b") && !tp.topic().equals(LEADER)).count()).toList();
        assertThat(Collections.max(units) - Collections.min(units)).isLessThanOrEqualTo(1);
    }

    @Test
    void the_result_does_not_depend_on_the_order_of_members() {
        List<Member> ms = new ArrayList<>(members(6, Set.of("a", "b", LEADER)));
        Map<String, Integer> counts = Map.of("a", 10, "b", 4, LEADER, 1);
        Map<String, Set<TP>> first = CopartitionedAssignment.assign(ms, counts);
        Collections.shuffle(ms, new Random(7));
        assertThat(CopartitionedAssignment.assign(ms, counts)).isEqualTo(first);
    }

    @Test
    void when_a_member_leaves_the_others_keep_everything_they_had() {
        Map<String, Integer> counts = Map.of("a", 12, LEADER, 1);
        List<Member> ms = members(4, counts.keySet());
        Map<String, Set<TP>> before = CopartitionedAssignment.assign(ms, counts);
        String leaving = ownerOf(before, new TP("a", 0));
        List<Member> rest = new ArrayList<>(next(ms, before, 1));
        rest.removeIf(m -> m.id().equals(leaving));
        Map<String, Set<TP>> after = CopartitionedAssignment.assign(rest, counts);
        for (Member m : rest) {
            assertThat(after.get(m.id())).containsAll(before.get(m.id()));
        }
        assertThat(after.values().stream().mapToInt(tps -> count(tps, "a"))).allMatch(c -> c == 4);
    }

    @Test
    void when_a_member_joins_only_its_share_moves_and_the_leader_stays() {
        Map<String, Integer> counts = Map.of("a", 12, "a-changelog", 12, LEADER, 1);
        List<Member> ms = members(3, counts.keySet());
        Map<String, Set<TP>> before = CopartitionedAssignment.assign(ms, counts);
        String leader = ownerOf(before, new TP(LEADER, 0));
        List<Member> grown = new ArrayList<>(next(ms, before, 1));
        grown.add(fresh("m9", counts.keySet()));
        Map<String, Set<TP>> after = CopartitionedAssignment.assign(grown, counts);
        for (Member m : ms) {
            assertThat(before.get(m.id())).containsAll(after.get(m.id()));    // old members only give up partitions
        }
        assertThat(count(after.get("m9"), "a")).isEqualTo(3);
        assertThat(ownerOf(after, new TP(LEADER, 0))).isEqualTo(leader);
    }

    @Test
    void a_stable_group_gets_the_same_assignment_again() {
        Map<String, Integer> counts = Map.of("a", 9, "b", 4, LEADER, 1);
        List<Member> ms = members(4, counts.keySet());
        Map<String, Set<TP>> first = CopartitionedAssignment.assign(ms, counts);
        assertThat(CopartitionedAssignment.assign(next(ms, first, 1), counts)).isEqualTo(first);
    }

    @Test
    void a_partition_claimed_twice_goes_to_the_newer_generation() {
        TP tp = new TP("a", 0);
        List<Member> ms = List.of(new Member("old", Set.of("a"), Set.of(tp), 3), new Member("new", Set.of("a"), Set.of(tp), 4));
        assertThat(ownerOf(CopartitionedAssignment.assign(ms, Map.of("a", 1)), tp)).isEqualTo("new");
    }

    @Test
    void a_restarted_member_without_memory_gets_partitions_back_without_moving_the_others() {
        Map<String, Integer> counts = Map.of("a", 8, LEADER, 1);
        List<Member> ms = members(4, counts.keySet());
        Map<String, Set<TP>> before = CopartitionedAssignment.assign(ms, counts);
        List<Member> again = new ArrayList<>(next(ms, before, 1));
        again.set(2, fresh("m2-restarted", counts.keySet()));
        Map<String, Set<TP>> after = CopartitionedAssignment.assign(again, counts);
        for (String id : List.of("m0", "m1", "m3")) {
            assertThat(after.get(id)).isEqualTo(before.get(id));
        }
        assertThat(after.get("m2-restarted")).isEqualTo(before.get("m2"));
    }

    @Test
    void random_groups_keep_every_invariant() {
        Random rnd = new Random(42);
        for (int round = 0; round < 300; round++) {
            int nTopics = 1 + rnd.nextInt(6);
            Map<String, Integer> counts = new TreeMap<>();
            for (int t = 0; t < nTopics; t++) {
                counts.put("t" + t, 1 + rnd.nextInt(3) * 4 + rnd.nextInt(2));
            }
            List<Member> ms = new ArrayList<>();
            int n = 1 + rnd.nextInt(8);
            for (int i = 0; i < n; i++) {
                Set<String> subs = new HashSet<>(counts.keySet());
                if (rnd.nextInt(4) == 0) {
                    subs.remove("t" + rnd.nextInt(nTopics));
                }
                Set<TP> prev = new HashSet<>();
                for (int k = rnd.nextInt(4); k > 0; k--) {
                    String t = "t" + rnd.nextInt(nTopics);
                    prev.add(new TP(t, rnd.nextInt(counts.get(t))));
                }
                ms.add(new Member("m" + i, subs, prev, rnd.nextInt(3)));
            }
            Map<String, Set<TP>> r = CopartitionedAssignment.assign(ms, counts);
            Map<String, Member> byId = new HashMap<>();
            ms.forEach(m -> byId.put(m.id(), m));
            counts.forEach((t, c) -> {
                long subscribers = ms.stream().filter(m -> m.topics().contains(t)).count();
                for (int p = 0; p < c; p++) {
                    Map<String, Integer> o = owners(r, new TP(t, p));
                    assertThat(o).hasSize(subscribers == 0 ? 0 : 1);
                    o.keySet().forEach(id -> assertThat(byId.get(id).topics()).contains(t));
                }
                for (Member m : ms) {
                    if (m.topics().contains(t)) {
                        int mine = count(r.get(m.id()), t);
                        assertThat(mine).isBetween((int) (c / subscribers), (int) ((c + subscribers - 1) / subscribers));
                    }
                }
            });
            counts.forEach((t1, c1) -> counts.forEach((t2, c2) -> {
                boolean sameSubs = ms.stream().allMatch(m -> m.topics().contains(t1) == m.topics().contains(t2));
                if (c1.equals(c2) && sameSubs && ms.stream().anyMatch(m -> m.topics().contains(t1))) {
                    for (int p = 0; p < c1; p++) {
                        assertThat(ownerOf(r, new TP(t1, p))).isEqualTo(ownerOf(r, new TP(t2, p)));
                    }
                }
            }));
        }
    }
}
