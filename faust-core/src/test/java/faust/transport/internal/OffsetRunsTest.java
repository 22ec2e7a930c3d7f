package faust.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OffsetRunsTest {

    @Test
    void in_order_adds_form_one_run() {
        var runs = new OffsetRuns();
        for (long o = 100; o < 200; o++) {
            assertThat(runs.add(o)).isTrue();
        }

        assertThat(runs.runCount()).isEqualTo(1);
        assertThat(runs.cardinality()).isEqualTo(100);
        assertThat(runs.first()).isEqualTo(100);
        assertThat(runs.runEndFrom(150)).isEqualTo(200);
        assertThat(runs.runEndFrom(200)).isEqualTo(200);
    }

    @Test
    void filling_a_hole_merges_neighbours() {
        var runs = new OffsetRuns();
        runs.add(1);
        runs.add(3);
        assertThat(runs.runCount()).isEqualTo(2);

        assertThat(runs.add(2)).isTrue();
        assertThat(runs.runCount()).isEqualTo(1);
        assertThat(runs.toArray()).containsExactly(1, 2, 3);
    }

    @Test
    void addRange_counts_only_new_offsets_and_merges() {
        var runs = new OffsetRuns();
        runs.add(5);
        runs.add(9);
        runs.add(20);

        assertThat(runs.addRange(4, 10)).isEqualTo(4); // 4, 6, 7, 8
        assertThat(runs.toArray()).containsExactly(4, 5, 6, 7, 8, 9, 20);
        assertThat(runs.addRange(10, 20)).isEqualTo(10); // touches both sides
        assertThat(runs.runCount()).isEqualTo(1);
        assertThat(runs.addRange(7, 7)).isZero();
    }

    @Test
    void removeBelow_trims_a_straddling_run() {
        var runs = new OffsetRuns();
        runs.addRange(0, 10);
        runs.addRange(20, 30);

        assertThat(runs.removeBelow(25)).isEqualTo(15);
        assertThat(runs.toArray()).containsExactly(25, 26, 27, 28, 29);
        assertThat(runs.removeBelow(25)).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void random_operations_match_a_tree_set(long seed) {
        var random = new Random(seed);
        var runs = new OffsetRuns();
        var reference = new TreeSet<Long>();
        long floor = 0;
        for (int step = 0; step < 20_000; step++) {
            int op = random.nextInt(100);
            if (op < 70) {
                long o = floor + random.nextInt(2_000);
                assertThat(runs.add(o)).isEqualTo(reference.add(o));
            } else if (op < 95) {
                long start = floor + random.nextInt(2_000);
                long end = start + random.nextInt(30);
                long added = 0;
                for (long o = start; o < end; o++) {
                    if (reference.add(o)) {
                        added++;
                    }
                }
                assertThat(runs.addRange(start, end)).isEqualTo(added);
            } else {
                floor += random.nextInt(200);
                int before = reference.size();
                reference.headSet(floor).clear();
                assertThat(runs.removeBelow(floor)).isEqualTo(before - reference.size());
            }
            assertThat(runs.cardinality()).isEqualTo(reference.size());
        }
        assertThat(runs.toArray()).containsExactly(reference.stream().mapToLong(Long::longValue).toArray());
        long o = reference.isEmpty() ? floor : reference.first();
        assertThat(runs.runEndFrom(o)).isEqualTo(reference.isEmpty() ? floor : firstMissingFrom(reference, o));
    }

    private static long firstMissingFrom(TreeSet<Long> set, long from) {
        long o = from;
        while (set.contains(o)) {
            o++;
        }
        return o;
    }
}
