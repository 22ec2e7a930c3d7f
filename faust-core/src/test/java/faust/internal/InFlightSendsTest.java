package faust.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InFlightSendsTest {
    @Test
    void a_flipped_epoch_is_drained_once_every_send_begun_in_it_has_ended_whatever_later_epochs_do() {
        InFlightSends s = new InFlightSends();
        int a = s.begin();
        int b = s.begin();
        int old = s.flip();
        int c = s.begin();          // after the flip: not waited for
        assertThat(old).isEqualTo(a).isEqualTo(b).isNotEqualTo(c);
        assertThat(s.drained(old)).isFalse();
        s.end(a);
        assertThat(s.drained(old)).isFalse();
        s.end(b);
        assertThat(s.drained(old)).isTrue();
        int next = s.flip();        // c's epoch; the epoch after it shares old's counters
        int d = s.begin();
        assertThat(d & 1).isEqualTo(old & 1);
        assertThat(s.drained(next)).isFalse();
        s.end(c);
        assertThat(s.drained(next)).isTrue();
        assertThat(s.drained(s.flip())).isFalse();   // d is still in flight
        s.end(d);
        assertThat(s.drained(d)).isTrue();
    }

    @Test
    void a_committer_waiting_for_an_epoch_blocks_while_a_send_of_it_is_in_flight_and_wakes_when_it_ends() throws Exception {
        InFlightSends s = new InFlightSends();
        int a = s.begin();
        int b = s.begin();
        int old = s.flip();
        int later = s.begin();      // a later epoch's send does not hold the wait
        Thread committer = Thread.ofVirtual().start(() -> s.awaitDrained(old));
        s.end(a);
        committer.join(Duration.ofMillis(100));
        assertThat(committer.isAlive()).as("waits while b is in flight").isTrue();

        s.end(b);
        assertThat(committer.join(Duration.ofSeconds(5))).as("woken once b ended").isTrue();
        s.awaitDrained(old);        // already drained: returns at once
        s.end(later);
    }
}
