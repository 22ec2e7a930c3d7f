package faust.settings;

import static faust.settings.Parsers.bool;
import static faust.settings.Parsers.intAtLeast;

import java.util.List;

/** Topic settings. */
public final class TopicSettings {
    private static final Definer D = new Definer(Section.TOPIC);

    /** {@code topic_partitions}: the default partitions of new topics. */
    public static final Setting<Integer> TOPIC_PARTITIONS = D.define("topic_partitions", intAtLeast(1), "8",
            "TOPIC_PARTITIONS", "Default partitions of new topics.");
    /** {@code topic_replication_factor}: the default replication factor of new topics. */
    public static final Setting<Integer> TOPIC_REPLICATION_FACTOR = D.define("topic_replication_factor", intAtLeast(1),
            "1", "TOPIC_REPLICATION_FACTOR", "Default replication factor of new topics.");
    /** {@code topic_allow_declare}: whether internal topics may be created. */
    public static final Setting<Boolean> TOPIC_ALLOW_DECLARE = D.define("topic_allow_declare", bool(), "true",
            "TOPIC_ALLOW_DECLARE", "Allow creating internal topics (changelogs, repartition topics).");
    /** {@code topic_disable_leader}: whether the leader-election topic is disabled. */
    public static final Setting<Boolean> TOPIC_DISABLE_LEADER = D.define("topic_disable_leader", bool(), "false",
            "TOPIC_DISABLE_LEADER", "Do not create the leader-election topic.");

    private TopicSettings() {}

    static List<Setting<?>> keys() {
        return D.keys();
    }
}
