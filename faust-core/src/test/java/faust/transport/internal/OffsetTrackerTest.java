package faust.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class OffsetTrackerTest {

    private static long[] range(long fromInclusive, long toInclusive) {
        return LongStream.rangeClosed(fromInclusive, toInclusive).toArray();
    }

    private static long[] concat(long[] a, long... b) {
        return LongStream.concat(LongStream.of(a), LongStream.of(b)).toArray();
    }

    private static OptionalLong none() {
        return OptionalLong.empty();
    }

    private static OptionalLong some(long offset) {
        return OptionalLong.of(offset);
    }

    // ---- Faust vectors: tests/unit/transport/test_consumer.py -------------------------------

    /** {@code test_new_offset}: committed offset unknown, no gaps; acked -> (offset, acked left). */
    static Stream<Arguments> faustNewOffsetVectors() {
        return Stream.of(
                Arguments.of(new long[0], none(), new long[0]),
                Arguments.of(range(1, 10), some(11), new long[0]),
                Arguments.of(concat(range(1, 8), 10), some(9), new long[] {10}),
                Arguments.of(new long[] {1, 2, 3, 4, 6, 7, 8, 10}, some(5), new long[] {6, 7, 8, 10}),
                Arguments.of(new long[] {1, 3, 4, 6, 7, 8, 10}, some(2), new long[] {3, 4, 6, 7, 8, 10}));
    }

    @ParameterizedTest
    @MethodSource("faustNewOffsetVectors")
    void newOffset_faust_vectors_without_gaps(long[] acked, OptionalLong expected, long[] left) {
        var tracker = new OffsetTracker(null);
        tracker.ackAll(acked, acked.length);

        assertThat(tracker.newOffset()).isEqualTo(expected);
        // Faust's _new_offset consumes the run; ours only does so once the commit succeeded.
        expected.ifPresent(tracker::markCommitted);
        assertThat(tracker.pendingOffsets()).containsExactly(left);
    }

    /**
     * {@code test_new_offset_with_gaps}: committed=1. Faust's gaps are half-open intervals
     * {@code [start, end)}; {@link OffsetTracker#addGap} takes an inclusive end, hence
     * {@code end - 1}.
     */
    static Stream<Arguments> faustNewOffsetWithGapsVectors() {
        return Stream.of(
                Arguments.of(new long[0], new long[0][], none()),
                Arguments.of(range(1, 10), new long[0][], some(11)),
                Arguments.of(concat(range(1, 8), 10), new long[][] {{9, 10}}, some(11)),
                Arguments.of(new long[] {1, 2, 3, 4, 6, 7, 8, 10}, new long[][] {{5, 6}}, some(9)),
                Arguments.of(
                        new long[] {1, 3, 4, 6, 7, 8, 10}, new long[][] {{2, 3}, {5, 6}, {9, 10}}, some(11)),
                Arguments.of(new long[] {3, 4}, new long[0][], none()),
                Arguments.of(new long[] {3, 4}, new long[][] {{2, 3}}, some(5)));
    }

    @ParameterizedTest
    @MethodSource("faustNewOffsetWithGapsVectors")
    void newOffset_faust_vectors_with_committed_1_and_gaps(long[] acked, long[][] halfOpenGaps, OptionalLong expected) {
        var tracker = new OffsetTracker(1L);
        tracker.ackAll(acked, acked.length);
        for (long[] gap : halfOpenGaps) {
            tracker.addGap(gap[0], gap[1] - 1);
        }

        assertThat(tracker.newOffset()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0, 0, false", "1, 0, true", "6, 8, false", "100, 8, true"})
    void shouldCommit_faust_vectors(long offset, long committed, boolean expected) {
        assertThat(OffsetTracker.shouldCommit(offset, committed)).isEqualTo(expected);
    }

    @Test
    void shouldCommit_without_committed_offset() {
        assertThat(OffsetTracker.shouldCommit(0, null)).isTrue();
    }

    @Test
    void addGap_faust_vector_clamps_nothing_after_committed_299() {
        var tracker = new OffsetTracker(299L);
        tracker.addGap(300, 343);

        // Faust: Interval(300, 344)
        assertThat(tracker.gapOffsets()).containsExactly(range(300, 343));
        assertThat(tracker.newOffset()).isEqualTo(some(344));
        assertThat(tracker.pendingCount()).isZero();
    }

    @Test
    void addGap_faust_vector_below_committed_400_is_empty() {
        var tracker = new OffsetTracker(400L);
        tracker.addGap(300, 343);

        assertThat(tracker.gapOffsets()).isEmpty();
        assertThat(tracker.newOffset()).isEmpty();
    }

    @Test
    void addGap_straddling_committed_is_clamped() {
        var tracker = new OffsetTracker(310L);
        tracker.addGap(300, 343);

        assertThat(tracker.gapOffsets()).containsExactly(range(311, 343));
    }

    @Test
    void addGap_end_before_start_is_empty() {
        var tracker = new OffsetTracker(null);
        tracker.addGap(10, 9);

        assertThat(tracker.gapOffsets()).isEmpty();
    }

    // ---- Head and off-by-one ---------------------------------------------------------------

    @Test
    void hole_at_head_blocks_commit() {
        var tracker = new OffsetTracker(-1L);
        tracker.ack(1);
        tracker.ack(2);

        assertThat(tracker.newOffset()).isEmpty();
        tracker.ack(0);
        assertThat(tracker.newOffset()).isEqualTo(some(3));
    }

    @Test
    void never_commits_past_unprocessed_record_after_commit() {
        // Faust kept the Kafka offset 5 as "committed" and accepted min(acked)=6 as no hole,
        // committing 8 although record 5 was never processed.
        var tracker = new OffsetTracker(-1L);
        tracker.ackAll(range(0, 4), 5);
        tracker.markCommitted(5);
        tracker.ack(6);
        tracker.ack(7);

        assertThat(tracker.newOffset()).isEmpty();
        tracker.ack(5);
        assertThat(tracker.newOffset()).isEqualTo(some(8));
    }

    @Test
    void committed_zero_still_checks_the_head() {
        // Faust's `if committed_offset:` skipped the check when the committed offset was 0.
        var tracker = new OffsetTracker(0L);
        tracker.ack(2);

        assertThat(tracker.newOffset()).isEmpty();
    }

    @Test
    void unknown_committed_uses_lowest_offset_seen() {
        var tracker = new OffsetTracker(null);
        tracker.ackAll(new long[] {5, 6, 7}, 3);
        assertThat(tracker.newOffset()).isEqualTo(some(8));

        tracker.ack(3);
        assertThat(tracker.newOffset()).isEqualTo(some(4));
    }

    @Test
    void gap_at_head_advances_without_acks_above() {
        var tracker = new OffsetTracker(1L);
        tracker.addGap(2, 9);

        assertThat(tracker.newOffset()).isEqualTo(some(10));
        assertThat(tracker.pendingCount()).isZero();
    }

    // ---- Purity and markCommitted ----------------------------------------------------------

    @Test
    void newOffset_is_a_pure_query() {
        var tracker = new OffsetTracker(-1L);
        tracker.ackAll(range(0, 9), 10);

        assertThat(tracker.newOffset()).isEqualTo(some(10));
        assertThat(tracker.newOffset()).isEqualTo(some(10));
        assertThat(tracker.pendingCount()).isEqualTo(10);
        assertThat(tracker.lastCommitted()).isEqualTo(-1L);
    }

    @Test
    void markCommitted_sets_last_committed_and_drops_offsets_below() {
        var tracker = new OffsetTracker(-1L);
        tracker.ackAll(new long[] {0, 1, 2, 3, 5, 6}, 6);
        tracker.addGap(8, 9);

        tracker.markCommitted(4);

        assertThat(tracker.lastCommitted()).isEqualTo(3L);
        assertThat(tracker.committedOffset()).isEqualTo(4L);
        assertThat(tracker.pendingOffsets()).containsExactly(5, 6);
        assertThat(tracker.gapOffsets()).containsExactly(8, 9);
        assertThat(tracker.newOffset()).isEmpty();
    }

    @Test
    void markCommitted_beyond_acks_drops_everything() {
        var tracker = new OffsetTracker(-1L);
        tracker.ackAll(new long[] {0, 1, 5}, 3);
        tracker.addGap(7, 8);

        tracker.markCommitted(100);

        assertThat(tracker.pendingCount()).isZero();
        assertThat(tracker.gapOffsets()).isEmpty();
        assertThat(tracker.lastCommitted()).isEqualTo(99L);
    }

    @Test
    void markCommitted_never_moves_backwards() {
        var tracker = new OffsetTracker(null);
        tracker.markCommitted(10);
        tracker.markCommitted(5);

        assertThat(tracker.lastCommitted()).isEqualTo(9L);
    }

    @Test
    void acks_at_or_below_committed_are_ignored() {
        var tracker = new OffsetTracker(-1L);
        tracker.ackAll(range(0, 9), 10);
        tracker.markCommitted(10);

        assertThat(tracker.ack(5)).isFalse();
        assertThat(tracker.ack(9)).isFalse();
        assertThat(tracker.pendingCount()).isZero();
        assertThat(tracker.newOffset()).isEmpty();
        assertThat(tracker.ack(10)).isTrue();
        assertThat(tracker.newOffset()).isEqualTo(some(11));
    }

    @Test
    void duplicate_acks_are_ignored() {
        var tracker = new OffsetTracker(-1L);

        assertThat(tracker.ack(0)).isTrue();
        assertThat(tracker.ack(0)).isFalse();
        assertThat(tracker.ackAll(new long[] {1, 1, 0, 2, 2}, 5)).isEqualTo(2);
        assertThat(tracker.pendingCount()).isEqualTo(3);
        assertThat(tracker.newOffset()).isEqualTo(some(3));
    }

    @Test
    void ackAll_reads_only_count_entries() {
        var tracker = new OffsetTracker(-1L);

        assertThat(tracker.ackAll(new long[] {0, 1, 2, 3}, 2)).isEqualTo(2);
        assertThat(tracker.newOffset()).isEqualTo(some(2));
    }

    @Test
    void invalid_arguments_are_rejected() {
        var tracker = new OffsetTracker(null);

        assertThatThrownBy(() -> tracker.ack(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tracker.ack(Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tracker.ackAll(new long[1], 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> tracker.addGap(-1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tracker.markCommitted(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OffsetTracker(-2L)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- Against a reference model ---------------------------------------------------------

    /** A boolean-array model: the commit offset is the first offset neither acked nor a gap. */
    private static final class Reference {
        final boolean[] done;
        final boolean[] acked;
        int committed; // Kafka commit offset

        Reference(int size) {
            done = new boolean[size + 1];
            acked = new boolean[size + 1];
        }

        OptionalLong newOffset() {
            int head = committed;
            while (done[head]) {
                head++;
            }
            return head > committed ? OptionalLong.of(head) : OptionalLong.empty();
        }

        long pending() {
            long n = 0;
            for (int i = committed; i < acked.length; i++) {
                if (acked[i]) {
                    n++;
                }
            }
            return n;
        }
    }

    @ParameterizedTest
    @CsvSource({"42, false", "7, false", "42, true", "2024, true"})
    void shuffled_acks_commit_only_up_to_first_hole(long seed, boolean withGaps) {
        int size = 10_000;
        var random = new Random(seed);
        var ref = new Reference(size);
        var tracker = new OffsetTracker(-1L);

        // Events: an ack is {offset}, a gap is {start, endInclusive}.
        List<long[]> events = new ArrayList<>();
        boolean[] inGap = new boolean[size];
        if (withGaps) {
            for (int g = 0; g < 300; g++) {
                int start = random.nextInt(size);
                int end = Math.min(size - 1, start + random.nextInt(20));
                events.add(new long[] {start, end});
                for (int o = start; o <= end; o++) {
                    inGap[o] = true;
                }
            }
        }
        for (int o = 0; o < size; o++) {
            if (!inGap[o]) {
                events.add(new long[] {o});
            }
        }
        Collections.shuffle(events, random);

        int step = 0;
        for (long[] event : events) {
            if (event.length == 1) {
                int o = (int) event[0];
                boolean isNew = o >= ref.committed && !ref.acked[o];
                assertThat(tracker.ack(o)).isEqualTo(isNew);
                ref.acked[o] = true;
                ref.done[o] = true;
            } else {
                tracker.addGap(event[0], event[1]);
                for (int o = (int) event[0]; o <= event[1]; o++) {
                    ref.done[o] = true;
                }
            }
            OptionalLong expected = ref.newOffset();
            assertThat(tracker.newOffset()).as("step %d", step).isEqualTo(expected);
            if (++step % 97 == 0 && expected.isPresent()) {
                tracker.markCommitted(expected.getAsLong());
                ref.committed = (int) expected.getAsLong();
                assertThat(tracker.pendingCount()).as("step %d", step).isEqualTo(ref.pending());
            }
        }
        assertThat(tracker.newOffset().orElse(ref.committed)).isEqualTo(size);
    }

    // ---- Concurrency and memory ------------------------------------------------------------

    @Test
    void concurrent_acks_on_disjoint_offsets_reach_max_plus_one() throws Exception {
        int threads = 4;
        int size = 200_000;
        var tracker = new OffsetTracker(-1L);
        var start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    long[] batch = new long[64];
                    int n = 0;
                    for (long o = id; o < size; o += threads) {
                        if (id % 2 == 0) {
                            tracker.ack(o);
                        } else {
                            batch[n++] = o;
                            if (n == batch.length) {
                                tracker.ackAll(batch, n);
                                n = 0;
                            }
                        }
                    }
                    tracker.ackAll(batch, n);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        }

        assertThat(tracker.newOffset()).isEqualTo(some(size));
        assertThat(tracker.pendingCount()).isEqualTo(size);
    }

    @Test
    void concurrent_acks_with_a_committing_thread() throws Exception {
        int threads = 4;
        int size = 200_000;
        var tracker = new OffsetTracker(-1L);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> ackers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                ackers.add(pool.submit(() -> {
                    for (long o = id; o < size; o += threads) {
                        tracker.ack(o);
                    }
                }));
            }
            Future<?> committer = pool.submit(() -> {
                long committed = 0;
                while (committed < size) {
                    OptionalLong next = tracker.newOffset();
                    if (next.isPresent()) {
                        assertThat(next.getAsLong()).isGreaterThan(committed);
                        tracker.markCommitted(next.getAsLong());
                        committed = next.getAsLong();
                    } else {
                        Thread.onSpinWait();
                    }
                }
                return null;
            });
            for (Future<?> f : ackers) {
                f.get(30, TimeUnit.SECONDS);
            }
            committer.get(30, TimeUnit.SECONDS);
        }

        assertThat(tracker.lastCommitted()).isEqualTo(size - 1L);
        assertThat(tracker.pendingCount()).isZero();
    }

    @Test
    void long_in_order_run_stays_memory_bounded() {
        var tracker = new OffsetTracker(-1L);
        int initial = tracker.capacityRuns();
        for (long o = 0; o < 1_000_000; o++) {
            tracker.ack(o);
            if (o % 10_000 == 9_999) {
                tracker.markCommitted(tracker.newOffset().orElseThrow());
            }
            if (o % 1_000 == 0) {
                assertThat(tracker.capacityRuns()).isEqualTo(initial);
            }
        }
        assertThat(tracker.lastCommitted()).isEqualTo(999_999L);
        assertThat(tracker.pendingCount()).isZero();
    }

    @Test
    void memory_is_released_after_an_out_of_order_burst_is_committed() {
        var tracker = new OffsetTracker(-1L);
        int initial = tracker.capacityRuns();
        for (long o = 0; o < 40_000; o += 2) {
            tracker.ack(o + 1); // every other offset: 20,000 holes
        }
        assertThat(tracker.capacityRuns()).isGreaterThan(20_000);

        for (long o = 40_000 - 2; o >= 0; o -= 2) { // fill the holes; each fill merges two runs
            tracker.ack(o);
        }
        tracker.markCommitted(tracker.newOffset().orElseThrow());

        assertThat(tracker.lastCommitted()).isEqualTo(39_999L);
        assertThat(tracker.capacityRuns()).isEqualTo(initial);
    }

    @Test
    void toString_names_state() {
        var tracker = new OffsetTracker(null);
        @Nullable Long last = tracker.lastCommitted();

        assertThat(last).isNull();
        assertThat(tracker).hasToString("OffsetTracker{lastCommitted=unknown, pending=0, ackRuns=0, gapRuns=0}");
    }
}
