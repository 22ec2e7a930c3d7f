package faust.table;

import faust.stream.Message;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A table's options, immutable; built from {@link TableOptions}.
 *
 * @param partitions the partition count, or null for the {@code topic_partitions} setting
 * @param keySerializer the changelog key codec
 * @param valueSerializer the changelog value codec
 * @param help the help text
 * @param onRecover run after recovery
 * @param onChangelogEvent told about each changelog record read in recovery, or null
 * @param recoveryBufferSize records per store batch in recovery
 * @param standbyBufferSize records per store batch on a standby
 * @param extraTopicConfigs further changelog topic configs
 * @param usePartitioner whether writes are partitioned by key instead of by the current event
 * @param store the store URL, or null for the {@code store} setting
 * @param startManager set tables: whether the manager agent runs
 * @param managerTopic set tables: the manager topic, or null for {@code {table}-setmanager}
 */
public record TableSpec(@Nullable Integer partitions, String keySerializer, String valueSerializer, String help,
                        List<Runnable> onRecover, @Nullable Consumer<Message> onChangelogEvent, int recoveryBufferSize,
                        int standbyBufferSize, Map<String, String> extraTopicConfigs, boolean usePartitioner,
                        @Nullable URI store, boolean startManager, @Nullable String managerTopic) {
    private static final TableSpec DEFAULTS = new TableSpec(null, "json", "json", "", List.of(), null, 1000, 1000,
            Map.of(), false, null, false, null);

    /** Copies the collections. */
    public TableSpec {
        Objects.requireNonNull(keySerializer, "keySerializer");
        Objects.requireNonNull(valueSerializer, "valueSerializer");
        Objects.requireNonNull(help, "help");
        onRecover = List.copyOf(onRecover);
        extraTopicConfigs = Map.copyOf(extraTopicConfigs);
    }

    /** @return the defaults */
    public static TableSpec defaults() {
        return DEFAULTS;
    }

    /**
     * @param options sets options on top of the defaults
     * @return the spec
     */
    public static TableSpec of(Consumer<TableOptions> options) {
        TableOptions o = new TableOptions(DEFAULTS);
        options.accept(o);
        return new TableSpec(o.partitions, o.keySerializer, o.valueSerializer, o.help, o.onRecover, o.onChangelogEvent,
                o.recoveryBufferSize, o.standbyBufferSize, o.extraTopicConfigs, o.usePartitioner, o.store,
                o.startManager, o.managerTopic);
    }
}
