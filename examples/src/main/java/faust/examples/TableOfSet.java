package faust.examples;

import faust.App;
import faust.AppConfig;
import faust.codec.FaustRecord;
import faust.table.SetTable;
import faust.topic.Topic;
import java.util.function.Consumer;

/**
 * Faust's tableofset.py: who is in which group, kept in a {@link SetTable} that users join and
 * leave through two topics. The changelog carries Faust's set operations, so a Python Faust worker
 * recovers the same groups.
 *
 * <pre>{@code bin/faust -A TableOfSet worker --broker kafka://localhost:9092}</pre>
 */
public final class TableOfSet {
    private TableOfSet() {}

    /**
     * A user joining or leaving a group.
     *
     * @param user the user
     * @param group the group
     */
    @FaustRecord(namespace = "examples.tableofset.Membership")
    public record Membership(String user, String group) {}

    /**
     * The app, its topics and its table.
     *
     * @param app the app
     * @param joins users joining a group, keyed by group
     * @param leaves users leaving a group, keyed by group
     * @param members each group's users
     */
    public record TableOfSetApp(App app, Topic<String, Membership> joins, Topic<String, Membership> leaves,
                                SetTable<String, String> members) {}

    /**
     * @param settings the deployment's settings
     * @return the app, its topics and its table
     */
    public static TableOfSetApp create(Consumer<AppConfig> settings) {
        App app = App.create("tableofset", cfg -> settings.accept(cfg.topicPartitions(4)));
        Topic<String, Membership> joins = app.topic("joins", String.class, Membership.class);
        Topic<String, Membership> leaves = app.topic("leaves", String.class, Membership.class);
        SetTable<String, String> members = app.setTable("members", String.class, String.class,
                o -> o.help("The users of each group"));

        app.agent("join", joins, stream -> {
            for (Membership m : stream) {
                members.add(m.group(), m.user());          // Faust: table[m.group].add(m.user)
            }
        });
        app.agent("leave", leaves, stream -> {
            for (Membership m : stream) {
                members.discard(m.group(), m.user());      // Faust: table[m.group].discard(m.user)
            }
        });
        return new TableOfSetApp(app, joins, leaves, members);
    }

    /** @param args {@code worker} and its options */
    public static void main(String[] args) {
        create(cfg -> { }).app().main(args);
    }
}
