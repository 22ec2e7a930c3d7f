package faust.table.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** The values a relativeToField table reads as timestamps, and the errors for those it cannot. */
class WindowTimeTest {
    private static final long MILLIS = Instant.parse("2026-12-07T10:15:30.250Z").toEpochMilli();

    @Test
    void instants_dates_epoch_seconds_and_millis_and_iso_strings_read_as_the_same_instant() {
        assertThat(WindowTime.parse(Instant.ofEpochMilli(MILLIS))).isEqualTo(MILLIS);
        assertThat(WindowTime.parse(new Date(MILLIS))).isEqualTo(MILLIS);
        assertThat(WindowTime.parse(OffsetDateTime.parse("2026-12-07T11:15:30.250+01:00"))).isEqualTo(MILLIS);
        assertThat(WindowTime.parse(MILLIS / 1000.0)).as("epoch seconds with a fraction, as Python's time.time()")
                .isEqualTo(MILLIS);
        assertThat(WindowTime.parse(MILLIS)).as("epoch milliseconds").isEqualTo(MILLIS);
        assertThat(WindowTime.parse(MILLIS / 1000)).as("whole epoch seconds").isEqualTo(MILLIS / 1000 * 1000);
        assertThat(WindowTime.parse("2026-12-07T10:15:30.250Z")).isEqualTo(MILLIS);
        assertThat(WindowTime.parse("2026-12-07T10:15:30.250+00:00")).isEqualTo(MILLIS);
        assertThat(WindowTime.parse("2026-12-07T10:15:30.250")).as("no offset: UTC, as a naive Python datetime")
                .isEqualTo(MILLIS);
        assertThat(WindowTime.parse(" " + MILLIS / 1000.0 + " ")).as("a number in a string").isEqualTo(MILLIS);
        assertThat(WindowTime.parse(OffsetDateTime.ofInstant(Instant.ofEpochMilli(MILLIS), ZoneOffset.UTC).toZonedDateTime()))
                .isEqualTo(MILLIS);
    }

    @Test
    void a_missing_or_unparsable_field_is_an_error_that_names_what_it_got() {
        assertThatThrownBy(() -> WindowTime.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> WindowTime.parse("yesterday")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'yesterday'").hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> WindowTime.parse(-5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an epoch time");
        assertThatThrownBy(() -> WindowTime.parse(java.util.List.of(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.util");
        assertThatThrownBy(() -> WindowTime.parse(java.time.LocalDate.of(2026, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LocalDate");
    }
}
