package faust.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import faust.topic.TP;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AckTrackerTest {
    private static final TP TP1 = new TP("orders", 0);
    private static final TP TP2 = new TP("orders", 1);

    @Test
    void commitOffsets_lists_partitions_with_something_to_commit() {
        var acks = new AckTracker();
        acks.assign(TP1, -1L);
        acks.assign(TP2, 99L);
        acks.ack(TP1, 0);
        acks.ack(TP1, 1);
        acks.ack(TP2, 101); // hole at 100

        assertThat(acks.commitOffsets()).containsExactly(Map.entry(TP1, 2L));
    }

    @Test
    void commitOffsets_is_a_pure_query_until_markCommitted() {
        var acks = new AckTracker();
        acks.assign(TP1, -1L);
        acks.ack(TP1, 0);

        assertThat(acks.commitOffsets()).isEqualTo(Map.of(TP1, 1L));
        assertThat(acks.commitOffsets()).isEqualTo(Map.of(TP1, 1L));

        acks.markCommitted(acks.commitOffsets());
        assertThat(acks.commitOffsets()).isEmpty();
        assertThat(acks.tracker(TP1)).extracting(OffsetTracker::lastCommitted).isEqualTo(0L);
    }

    @Test
    void commitOffsets_uses_gaps() {
        var acks = new AckTracker();
        acks.assign(TP1, 1L);
        acks.ackAll(TP1, new long[] {3, 4}, 2);
        assertThat(acks.commitOffsets()).isEmpty();

        acks.addGap(TP1, 2, 2);
        assertThat(acks.commitOffsets()).isEqualTo(Map.of(TP1, 5L));
    }

    @Test
    void acks_for_revoked_partitions_are_ignored() {
        var acks = new AckTracker();
        acks.assign(TP1, -1L);
        acks.revoke(TP1);

        assertThat(acks.ack(TP1, 0)).isFalse();
        assertThat(acks.ackAll(TP1, new long[] {1, 2}, 2)).isZero();
        acks.addGap(TP1, 3, 4);
        acks.markCommitted(Map.of(TP1, 10L));
        assertThat(acks.tracker(TP1)).isNull();
        assertThat(acks.assigned()).isEmpty();
        assertThat(acks.acksSinceCommit()).isZero();
        assertThat(acks.commitOffsets()).isEmpty();
    }

    @Test
    void acksSinceCommit_counts_new_acks_and_resets_on_commit() {
        var acks = new AckTracker();
        acks.assign(TP1, -1L);
        acks.assign(TP2, -1L);
        acks.ack(TP1, 0);
        acks.ack(TP1, 0); // duplicate
        acks.ackAll(TP2, new long[] {0, 1, 1}, 3);
        assertThat(acks.acksSinceCommit()).isEqualTo(3);

        acks.markCommitted(acks.commitOffsets());
        assertThat(acks.acksSinceCommit()).isZero();
        acks.ack(TP1, 0); // already committed
        assertThat(acks.acksSinceCommit()).isZero();
    }

    @Test
    void the_ack_count_starts_again_when_a_commit_begins_so_acks_it_covers_do_not_trigger_another() {
        var acks = new AckTracker();
        acks.assign(TP1, -1L);
        acks.ack(TP1, 0);
        acks.ack(TP1, 1);
        acks.commitStarted();
        assertThat(acks.acksSinceCommit()).isZero();
        acks.ack(TP1, 2);
        assertThat(acks.acksSinceCommit()).isEqualTo(1);
    }

    @Test
    void acks_of_a_partition_that_left_do_not_hold_back_the_count_of_the_others() {
        var acks = new AckTracker();
        acks.assign(TP1, -1L);
        acks.assign(TP2, -1L);
        acks.ackAll(TP1, new long[] {0, 1, 2, 3, 4}, 5);
        acks.commitStarted();
        acks.revoke(TP1);
        acks.ack(TP2, 0);
        acks.ack(TP2, 1);

        assertThat(acks.acksSinceCommit()).isEqualTo(2);
        acks.assign(TP2, 1L);     // reassigned: a new tracker, and the two acks still happened since the commit
        assertThat(acks.acksSinceCommit()).isEqualTo(2);
        acks.ack(TP2, 2);
        assertThat(acks.acksSinceCommit()).isEqualTo(3);
    }

    @Test
    void a_partition_revoked_right_after_its_acks_takes_no_more_and_acks_of_another_partition_still_land() {
        var acks = new AckTracker();
        acks.assign(TP1, -1L);
        acks.assign(TP2, -1L);
        OffsetTracker first = acks.tracker(TP1);
        assertThat(acks.ack(TP1, 0)).isTrue();     // the tracker is now the one last found
        acks.revoke(TP1);

        assertThat(acks.ack(TP1, 1)).isFalse();
        assertThat(first).extracting(OffsetTracker::pendingCount).isEqualTo(1L);
        assertThat(acks.ack(TP2, 0)).isTrue();
        assertThat(acks.ack(new TP("orders", 1), 1)).isTrue();     // an equal TP, not the same instance
        assertThat(acks.commitOffsets()).isEqualTo(Map.of(TP2, 2L));
    }

    @Test
    void reassign_replaces_the_tracker() {
        var acks = new AckTracker();
        acks.assign(TP1, -1L);
        acks.ack(TP1, 0);
        acks.assign(TP1, 49L);

        assertThat(acks.tracker(TP1)).extracting(OffsetTracker::pendingCount).isEqualTo(0L);
        assertThat(acks.ack(TP1, 50)).isTrue();
        assertThat(acks.commitOffsets()).isEqualTo(Map.of(TP1, 51L));
        assertThat(acks.assigned()).containsExactly(TP1);
    }

    @Test
    void unknown_committed_offset_commits_from_lowest_seen() {
        var acks = new AckTracker();
        acks.assign(TP1, null);
        acks.ack(TP1, 7);

        assertThat(acks.commitOffsets()).isEqualTo(Map.of(TP1, 8L));
    }
}
