package faust.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.errors.ImproperlyConfiguredException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CrontabTest {
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Test
    void next_fire_in_utc() {
        var cron = Crontab.parse("30 18 * * *");

        assertThat(cron.timezone()).isEqualTo(ZoneOffset.UTC);
        assertThat(cron.nextAfter(Instant.parse("2024-05-01T12:00:00Z"))).isEqualTo(Instant.parse("2024-05-01T18:30:00Z"));
        assertThat(cron.nextAfter(Instant.parse("2024-05-01T18:30:00Z"))).isEqualTo(Instant.parse("2024-05-02T18:30:00Z"));
    }

    @Test
    void next_fire_is_strictly_after_the_given_instant() {
        var cron = Crontab.parse("*/15 * * * *");

        assertThat(cron.nextAfter(Instant.parse("2024-05-01T10:15:00Z"))).isEqualTo(Instant.parse("2024-05-01T10:30:00Z"));
    }

    @Test
    void until_next_is_the_gap_to_the_next_fire() {
        var cron = Crontab.parse("0 * * * *");

        assertThat(cron.untilNext(Instant.parse("2024-05-01T10:45:00Z"))).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void local_time_is_kept_across_a_dst_change() {
        var cron = Crontab.parse("0 9 * * *", OSLO); // CET (+1) until 31 March 2024 01:00Z, then CEST (+2)

        Instant saturday = cron.nextAfter(Instant.parse("2024-03-29T12:00:00Z"));
        Instant sunday = cron.nextAfter(saturday);
        Instant monday = cron.nextAfter(sunday);

        assertThat(saturday).isEqualTo(Instant.parse("2024-03-30T08:00:00Z"));
        assertThat(sunday).isEqualTo(Instant.parse("2024-03-31T07:00:00Z"));
        assertThat(monday).isEqualTo(Instant.parse("2024-04-01T07:00:00Z"));
        assertThat(Duration.between(saturday, sunday)).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void day_of_week_field_uses_unix_numbering() {
        var cron = Crontab.parse("0 12 * * 1"); // Mondays; 2024-05-01 is a Wednesday

        assertThat(cron.nextAfter(Instant.parse("2024-05-01T00:00:00Z"))).isEqualTo(Instant.parse("2024-05-06T12:00:00Z"));
    }

    @Test
    void bad_spec_names_the_spec_and_the_problem() {
        assertThatThrownBy(() -> Crontab.parse("61 * * * *"))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("'61 * * * *'")
                .hasMessageContaining("five UNIX cron fields");
        assertThatThrownBy(() -> Crontab.parse("* * *"))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("'* * *'");
    }

    @Test
    void spec_that_never_fires_is_rejected() {
        assertThatThrownBy(() -> Crontab.parse("0 0 30 2 *"))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("never fires");
    }

    @Test
    void equal_when_spec_and_zone_are_equal() {
        assertThat(Crontab.parse("0 9 * * *", OSLO)).isEqualTo(Crontab.parse(" 0 9 * * * ", OSLO))
                .isNotEqualTo(Crontab.parse("0 9 * * *"));
    }
}
