package faust.settings;

import static faust.settings.Parsers.intAtLeast;

import java.util.List;
import java.util.Optional;

/** Consumer settings. */
public final class ConsumerSettings {
    private static final Definer D = new Definer(Section.CONSUMER);

    /** {@code consumer_max_fetch_size}: the maximum bytes fetched per partition. */
    public static final Setting<Integer> CONSUMER_MAX_FETCH_SIZE = D.define("consumer_max_fetch_size", intAtLeast(1),
            "1048576", "CONSUMER_MAX_FETCH_SIZE", "Maximum bytes fetched per partition (1 MiB; Faust 1.6 used 4 MiB).");
    /** {@code consumer_auto_offset_reset}: {@code earliest}, {@code latest} or {@code none}. */
    public static final Setting<String> CONSUMER_AUTO_OFFSET_RESET = D.define("consumer_auto_offset_reset",
            Parsers.choice("earliest", "latest", "none"), "earliest", "CONSUMER_AUTO_OFFSET_RESET",
            "Where to start when a partition has no committed offset.");
    /** {@code consumer_group_instance_id}: the static membership id. */
    public static final Setting<Optional<String>> CONSUMER_GROUP_INSTANCE_ID = D.optional("consumer_group_instance_id",
            Parsers.string(), "CONSUMER_GROUP_INSTANCE_ID", "Static group membership id; unique per worker.");
    /** {@code consumer_metadata_max_age_ms}: how often a topic pattern sees new matching topics. */
    public static final Setting<Integer> CONSUMER_METADATA_MAX_AGE_MS = D.define("consumer_metadata_max_age_ms",
            intAtLeast(1), "300000", "CONSUMER_METADATA_MAX_AGE_MS",
            "Milliseconds between refreshes of the consumer's topic metadata; a topic pattern picks up new matching "
                    + "topics only then.");

    private ConsumerSettings() {}

    static List<Setting<?>> keys() {
        return D.keys();
    }
}
