package faust.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import faust.topic.TP;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StandbyAssignmentTest {
    private static final String CL = "app-counts-changelog";
    private static final String CL2 = "app-totals-changelog";

    private static List<CopartitionedAssignment.Member> members(int n) {
        List<CopartitionedAssignment.Member> ms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ms.add(new CopartitionedAssignment.Member("m" + i, Set.of("in", "app-__assignor-__leader"), Set.of(), -1));
        }
        return ms;
    }

    private static final Map<String, Integer> COUNTS = Map.of("in", 6, "app-__assignor-__leader", 1);

    private static Map<String, Set<TP>> standbys(List<CopartitionedAssignment.Member> ms, Map<String, Set<TP>> previous,
                                                 int replicas) {
        Map<String, Set<TP>> actives = CopartitionedAssignment.assign(ms, COUNTS);
        return StandbyAssignment.assign(ms, previous, actives, COUNTS, Map.of(CL, 6, CL2, 6, "app-other-changelog", 3),
                replicas);
    }

    /** @return member of each partition of changelog CL: the active one */
    private static int ownerOf(Map<String, Set<TP>> actives, String member, int p) {
        return actives.get(member).contains(new TP("in", p)) ? 1 : 0;
    }

    @Test
    void every_partition_gets_one_standby_that_is_not_its_active_and_the_load_is_balanced() {
        List<CopartitionedAssignment.Member> ms = members(3);
        Map<String, Set<TP>> actives = CopartitionedAssignment.assign(ms, COUNTS);
        Map<String, Set<TP>> sb = standbys(ms, Map.of(), 1);
        for (int p = 0; p < 6; p++) {
            List<String> holders = new ArrayList<>();
            for (var e : sb.entrySet()) {
                if (e.getValue().contains(new TP(CL, p))) {
                    holders.add(e.getKey());
                    assertThat(e.getValue()).as("co-located: the other changelog's partition too").contains(new TP(CL2, p));
                    assertThat(ownerOf(actives, e.getKey(), p)).as("not the active of partition " + p).isZero();
                }
            }
            assertThat(holders).as("partition " + p).hasSize(1);
        }
        assertThat(sb.values()).allSatisfy(s -> assertThat(s.stream().filter(tp -> tp.topic().equals(CL))).hasSize(2));
        assertThat(sb.values()).as("a changelog whose partitions no source topic shares has no writer, so no standbys")
                .allSatisfy(s -> assertThat(s).noneMatch(tp -> tp.topic().equals("app-other-changelog")));
    }

    @Test
    void replicas_are_capped_at_the_other_members_and_zero_or_one_member_means_none() {
        Map<String, Set<TP>> two = standbys(members(2), Map.of(), 3);
        assertThat(two.get("m0")).hasSize(6);      // 3 partitions x 2 changelogs, each the other's
        assertThat(two.get("m1")).hasSize(6);
        assertThat(standbys(members(1), Map.of(), 1).get("m0")).isEmpty();
        assertThat(standbys(members(3), Map.of(), 0).values()).allSatisfy(s -> assertThat(s).isEmpty());
        Map<String, Set<TP>> three = standbys(members(3), Map.of(), 2);
        assertThat(three.values()).allSatisfy(s -> assertThat(s.stream().filter(tp -> tp.topic().equals(CL))).hasSize(4));
    }

    @Test
    void a_member_keeps_the_standbys_it_followed_before_and_the_result_is_deterministic() {
        List<CopartitionedAssignment.Member> ms = members(3);
        Map<String, Set<TP>> first = standbys(ms, Map.of(), 1);
        assertThat(standbys(ms, Map.of(), 1)).isEqualTo(first);
        // the same members rejoin reporting what they followed: nothing moves
        List<CopartitionedAssignment.Member> again = new ArrayList<>();
        Map<String, Set<TP>> actives = CopartitionedAssignment.assign(ms, COUNTS);
        for (CopartitionedAssignment.Member m : ms) {
            again.add(new CopartitionedAssignment.Member(m.id(), m.topics(), actives.get(m.id()), 1));
        }
        assertThat(standbys(again, first, 1)).isEqualTo(first);
        // a member follows a partition it followed before that another would get on a fresh start
        Map<String, Set<TP>> moved = new HashMap<>(first);
        String holder = first.entrySet().stream().filter(e -> e.getValue().contains(new TP(CL, 0))).findFirst()
                .orElseThrow().getKey();
        String other = ms.stream().map(CopartitionedAssignment.Member::id)
                .filter(id -> !id.equals(holder) && !actives.get(id).contains(new TP("in", 0))).findFirst().orElseThrow();
        moved.put(other, Set.of(new TP(CL, 0)));
        moved.put(holder, Set.of());
        Map<String, Set<TP>> sticky = standbys(again, moved, 1);
        assertThat(sticky.get(other)).as("warm state is preferred").contains(new TP(CL, 0));
    }
}
