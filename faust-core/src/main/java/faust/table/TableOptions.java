package faust.table;

import faust.errors.ImproperlyConfiguredException;
import faust.stream.Message;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A table's options (Faust's {@code app.Table(...)} arguments), set in the configurer passed to
 * {@link faust.App#table(String, Class, Class, java.util.function.Supplier, Consumer) App.table}:
 * {@code app.table("counts", String.class, Long.class, () -> 0L, o -> o.partitions(4).help("..."))}.
 */
public final class TableOptions {
    @Nullable Integer partitions;
    String keySerializer;
    String valueSerializer;
    String help;
    final List<Runnable> onRecover;
    @Nullable Consumer<Message> onChangelogEvent;
    int recoveryBufferSize;
    int standbyBufferSize;
    final Map<String, String> extraTopicConfigs;
    boolean usePartitioner;
    @Nullable URI store;
    boolean startManager;
    @Nullable String managerTopic;

    TableOptions(TableSpec from) {
        partitions = from.partitions();
        keySerializer = from.keySerializer();
        valueSerializer = from.valueSerializer();
        help = from.help();
        onRecover = new ArrayList<>(from.onRecover());
        onChangelogEvent = from.onChangelogEvent();
        recoveryBufferSize = from.recoveryBufferSize();
        standbyBufferSize = from.standbyBufferSize();
        extraTopicConfigs = new LinkedHashMap<>(from.extraTopicConfigs());
        usePartitioner = from.usePartitioner();
        store = from.store();
        startManager = from.startManager();
        managerTopic = from.managerTopic();
    }

    /**
     * @param n partitions of the table and its changelog, at least 1 (default: the {@code topic_partitions}
     *     setting); must equal the partitions of the topics whose events write to it
     * @return this
     */
    public TableOptions partitions(int n) {
        if (n < 1) {
            throw new ImproperlyConfiguredException("table partitions must be >= 1, got " + n);
        }
        partitions = n;
        return this;
    }

    /**
     * @param codec the changelog key codec (default {@code json}, as Faust's tables)
     * @return this
     */
    public TableOptions keySerializer(String codec) {
        keySerializer = Objects.requireNonNull(codec, "codec");
        return this;
    }

    /**
     * @param codec the changelog value codec (default {@code json}, as Faust's tables)
     * @return this
     */
    public TableOptions valueSerializer(String codec) {
        valueSerializer = Objects.requireNonNull(codec, "codec");
        return this;
    }

    /**
     * @param text what the table holds, shown by the {@code tables} command
     * @return this
     */
    public TableOptions help(String text) {
        help = Objects.requireNonNull(text, "text");
        return this;
    }

    /**
     * @param callback run when the table's partitions have been recovered after a rebalance, before
     *     the agents see their events (Faust's {@code on_recover})
     * @return this
     */
    public TableOptions onRecover(Runnable callback) {
        onRecover.add(Objects.requireNonNull(callback, "callback"));
        return this;
    }

    /**
     * @param callback told about each changelog record read in recovery (Faust's {@code on_changelog_event})
     * @return this
     */
    public TableOptions onChangelogEvent(Consumer<Message> callback) {
        onChangelogEvent = Objects.requireNonNull(callback, "callback");
        return this;
    }

    /**
     * @param n changelog records applied to the store per batch in recovery (default 1000)
     * @return this
     */
    public TableOptions recoveryBufferSize(int n) {
        if (n < 1) {
            throw new ImproperlyConfiguredException("table recovery_buffer_size must be >= 1, got " + n);
        }
        recoveryBufferSize = n;
        return this;
    }

    /**
     * @param n changelog records applied per batch by a standby (default 1000)
     * @return this
     */
    public TableOptions standbyBufferSize(int n) {
        if (n < 1) {
            throw new ImproperlyConfiguredException("table standby_buffer_size must be >= 1, got " + n);
        }
        standbyBufferSize = n;
        return this;
    }

    /**
     * @param configs further changelog topic configs, such as {@code min.insync.replicas}
     * @return this
     */
    public TableOptions extraTopicConfigs(Map<String, String> configs) {
        extraTopicConfigs.putAll(configs);
        return this;
    }

    /**
     * @param on whether a write's partition is the key's partition by the producer's partitioner
     *     (murmur2 of the key's bytes, as Kafka's) instead of the current event's; such a table can
     *     be written outside agents, e.g. from a timer (default off, as in Faust)
     * @return this
     */
    public TableOptions usePartitioner(boolean on) {
        usePartitioner = on;
        return this;
    }

    /**
     * @param url where this table keeps its state, such as {@code rocksdb://} or {@code memory://}
     *     (default: the {@code store} setting)
     * @return this
     * @throws ImproperlyConfiguredException when it is not a URL with a scheme
     */
    public TableOptions store(String url) {
        Objects.requireNonNull(url, "url");
        try {
            // "scheme://" has an empty authority, which URI rejects: read it as "scheme:///", as the store setting is
            URI u = new URI(url.endsWith("://") ? url + "/" : url);
            if (u.getScheme() == null) {
                throw new URISyntaxException(url, "no scheme");
            }
            store = u;
        } catch (URISyntaxException e) {
            throw new ImproperlyConfiguredException("table store '" + url + "' is not a URL with a scheme, like memory:// "
                    + "or rocksdb://", e);
        }
        return this;
    }

    /**
     * Set tables only: start the table's manager agent (Faust's {@code start_manager=True}), which
     * applies the operations sent through {@link SetTable#manager()} on the worker holding the key.
     *
     * @param on whether to start it (default off)
     * @return this
     */
    public TableOptions startManager(boolean on) {
        startManager = on;
        return this;
    }

    /**
     * Set tables only: the manager's topic (Faust's {@code manager_topic_name}).
     *
     * @param topic its name (default {@code {table}-setmanager})
     * @return this
     */
    public TableOptions managerTopic(String topic) {
        if (topic.isBlank()) {
            throw new ImproperlyConfiguredException("a set table's manager topic needs a name");
        }
        managerTopic = topic;
        return this;
    }
}
