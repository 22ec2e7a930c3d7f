package faust.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.App;
import faust.AppTestDriver;
import faust.errors.ImproperlyConfiguredException;
import faust.sensor.Sensor;
import faust.stream.Headers;
import faust.topic.TP;
import faust.topic.Topic;
import faust.transport.TopicDeclaration;
import faust.transport.TrackedMessage;
import faust.transport.internal.MemoryBroker;
import faust.transport.internal.Partitioner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Set tables on the memory transport: set operations, Faust's changelog encoding, recovery, the manager. */
class SetTableTest {
    /** A join or a leave of a room (Faust's tableofset example). */
    record Move(String room, String user, boolean join) {}

    private static MemoryBroker broker(AppTestDriver d) {
        return MemoryBroker.named(URI.create(d.brokerUrl()).getHost());
    }

    private static String text(byte[] b) {
        return b == null ? "null" : new String(b, StandardCharsets.UTF_8);
    }

    private static List<String> changelog(AppTestDriver d, String topic) {
        List<String> out = new ArrayList<>();
        for (TrackedMessage m : broker(d).visible(new TP(topic, 0), 0)) {
            out.add(text(m.key()) + " " + text(m.value()));
        }
        return out;
    }

    /** A worker keeping room members in a set table, applying moves and bulk operations from topic "ops". */
    private static final class Rooms {
        final App app;
        final Topic<String, String> ops;
        final SetTable<String, String> members;

        Rooms(AppTestDriver d, String id) {
            app = d.app(id);
            ops = app.topic("ops", String.class, String.class, o -> o.partitions(1));
            members = app.setTable("members", String.class, String.class, o -> o.partitions(1));
            app.agent("apply", ops, stream -> {
                for (var e : stream.events()) {
                    String[] op = e.value().split(" ");
                    List<String> args = List.of(op).subList(1, op.length);
                    switch (op[0]) {
                        case "add" -> members.add(e.key(), args.get(0));
                        case "discard" -> members.discard(e.key(), args.get(0));
                        case "addAll" -> members.addAll(e.key(), args);
                        case "removeAll" -> members.removeAll(e.key(), args);
                        case "retainAll" -> members.retainAll(e.key(), args);
                        case "symdiff" -> members.symmetricDifference(e.key(), args);
                        default -> members.clear(e.key());
                    }
                }
            });
        }
    }

    @Test
    void set_operations_change_the_sets_and_write_faust_s_operation_records_to_an_uncompacted_changelog() {
        try (AppTestDriver d = AppTestDriver.create()) {
            Rooms w = new Rooms(d, "rooms");
            d.start(w.app);
            for (String op : List.of("add alice", "add bob", "add alice", "discard bob", "discard carol",
                    "addAll carol dave", "removeAll dave", "clear")) {
                d.pipeInput(w.ops, "lobby", op);
            }
            assertThat(w.members.get("lobby")).isEmpty();
            assertThat(w.members.containsKey("lobby")).as("an emptied set is removed").isFalse();
            assertThat(changelog(d, "rooms-members-changelog")).as("Faust's encoding: key [operation, key], value the "
                    + "element, or [[added], [removed]] for an update; nothing for a change that changes nothing")
                    .containsExactly(
                            "[1,\"lobby\"] \"alice\"",
                            "[1,\"lobby\"] \"bob\"",
                            "[2,\"lobby\"] \"bob\"",
                            "[15,\"lobby\"] [[\"carol\",\"dave\"],[]]",
                            "[15,\"lobby\"] [[],[\"dave\"]]",
                            "[15,\"lobby\"] [[],[\"alice\",\"carol\"]]");
            var decl = broker(d).declaration("rooms-members-changelog");
            assertThat(decl.compacting()).as("operations must all be kept: the changelog is not compacted").isFalse();
        }
    }

    @Test
    void retain_and_symmetric_difference_and_the_views() {
        try (AppTestDriver d = AppTestDriver.create()) {
            Rooms w = new Rooms(d, "views");
            d.start(w.app);
            d.pipeInput(w.ops, "a", "addAll x y z");
            d.pipeInput(w.ops, "a", "retainAll y z w");
            d.pipeInput(w.ops, "a", "symdiff z q");
            d.pipeInput(w.ops, "b", "add k");
            assertThat(w.members.get("a")).containsExactlyInAnyOrder("y", "q");
            assertThat(w.members.contains("a", "q")).isTrue();
            assertThat(w.members.contains("a", "z")).isFalse();
            assertThat(w.members.keySet()).containsExactlyInAnyOrder("a", "b");
            assertThat(w.members.size()).isEqualTo(2);
            assertThat(w.members.asAnsiTable()).contains("│ b   │ [k]").contains("members");
            assertThat(w.app.tables()).containsExactly(w.members);
        }
    }

    @Test
    void a_new_worker_replays_the_operations_including_ones_python_faust_wrote() {
        try (AppTestDriver d = AppTestDriver.create()) {
            Rooms first = new Rooms(d, "replay");
            d.start(first.app);
            d.pipeInput(first.ops, "lobby", "addAll alice bob carol");
            d.pipeInput(first.ops, "lobby", "discard bob");
            first.app.stop();
            // written by a Python Faust worker (sets.py: OPERATION_ADD=1, DISCARD=2, UPDATE=15), compact JSON
            MemoryBroker mb = broker(d);
            for (String[] r : List.of(new String[] {"[1,\"lobby\"]", "\"erin\""}, new String[] {"[2,\"lobby\"]", "\"alice\""},
                    new String[] {"[15,\"hall\"]", "[[\"zed\"],[]]"})) {
                mb.append("replay-members-changelog", 0, null, r[0].getBytes(StandardCharsets.UTF_8),
                        r[1].getBytes(StandardCharsets.UTF_8), Headers.empty(), 1);
            }
            Rooms second = new Rooms(d, "replay");
            d.start(second.app);
            assertThat(second.members.get("lobby")).containsExactlyInAnyOrder("carol", "erin");
            assertThat(second.members.get("hall")).containsExactly("zed");
        }
    }

    @Test
    void a_set_operation_record_that_does_not_decode_is_skipped_and_the_rest_recovers() {
        try (AppTestDriver d = AppTestDriver.create()) {
            MemoryBroker mb = broker(d);
            mb.declare(new TopicDeclaration("skip-members-changelog", 1, 1, null, false, false, Map.of()));
            for (String[] r : List.of(new String[] {"[1,\"a\"]", "\"x\""}, new String[] {"[9,\"a\"]", "\"y\""},
                    new String[] {"\"a\"", "\"y\""}, new String[] {"[1,\"a\"]", "\"z\""})) {
                mb.append("skip-members-changelog", 0, null, r[0].getBytes(StandardCharsets.UTF_8),
                        r[1].getBytes(StandardCharsets.UTF_8), Headers.empty(), 1);
            }
            List<String> bad = new CopyOnWriteArrayList<>();
            Rooms w = new Rooms(d, "skip");
            w.app.sensors().add(new Sensor() {
                @Override
                public void onDecodeError(TP tp, long offset, Throwable error) {
                    bad.add(tp + "@" + offset + ": " + error.getMessage());
                }
            });
            d.start(w.app);
            assertThat(w.members.get("a")).containsExactlyInAnyOrder("x", "z");
            assertThat(bad).hasSize(2);
            assertThat(bad.get(0)).startsWith("skip-members-changelog-0@1").contains("unknown set operation 9");
            assertThat(bad.get(1)).startsWith("skip-members-changelog-0@2").contains("[operation, key]");
        }
    }

    @Test
    void the_manager_applies_operations_sent_from_outside_an_agent_on_the_worker_that_holds_the_key() {
        try (AppTestDriver d = AppTestDriver.create()) {
            App app = d.app("managed");
            SetTable<String, String> members = app.setTable("members", String.class, String.class,
                    o -> o.partitions(2).startManager(true));
            d.start(app);
            SetTable.Manager<String, String> manager = members.manager();
            assertThat(manager.topic()).isEqualTo("members-setmanager");
            manager.add("lobby", "alice").join();
            manager.add("lobby", "bob").join();
            manager.intersectionUpdate("lobby", List.of("bob", "carol")).join();
            manager.symmetricDifferenceUpdate("lobby", List.of("carol", "dave")).join();
            manager.differenceUpdate("lobby", List.of("dave")).join();
            manager.add("hall", "erin").join();
            manager.clear("hall").join();
            d.awaitIdle();
            assertThat(members.get("lobby")).containsExactlyInAnyOrder("bob", "carol");
            assertThat(members.get("hall")).isEmpty();
            // the operation records are Faust's SetManagerOperation, keyed as Faust's str-keyed manager topic
            int p = Partitioner.partitionFor("lobby".getBytes(StandardCharsets.UTF_8), 2);
            TrackedMessage first = broker(d).visible(new TP("members-setmanager", p), 0).get(0);
            assertThat(text(first.key())).isEqualTo("lobby");
            assertThat(text(first.value()))
                    .isEqualTo("{\"action\":\"ADD\",\"members\":[\"alice\"],\"__faust\":{\"ns\":\"@SetManagerOperation\"}}");
        }
    }

    @Test
    void the_manager_skips_an_unknown_action_and_goes_on() {
        try (AppTestDriver d = AppTestDriver.create()) {
            App app = d.app("unknown");
            SetTable<String, String> members = app.setTable("members", String.class, String.class,
                    o -> o.partitions(1).startManager(true));
            d.start(app);
            Topic<String, String> raw = app.topic("members-setmanager", String.class, String.class);
            raw.send("k", "{\"action\":\"EXPLODE\",\"members\":[\"x\"]}").join();
            raw.send("k", "not json").join();
            members.manager().add("k", "y").join();
            d.awaitIdle();
            assertThat(members.get("k")).containsExactly("y");
        }
    }

    @Test
    void declaration_errors_name_the_table_and_the_fix() {
        try (AppTestDriver d = AppTestDriver.create()) {
            App app = d.app("errors");
            assertThatThrownBy(() -> app.setTable("s", String.class, String.class, o -> o.valueSerializer("raw")))
                    .isInstanceOf(ImproperlyConfiguredException.class).hasMessageContaining("set table 's'")
                    .hasMessageContaining("json");
            SetTable<String, String> plain = app.setTable("plain", String.class, String.class);
            assertThatThrownBy(plain::manager).isInstanceOf(ImproperlyConfiguredException.class)
                    .hasMessageContaining("startManager(true)");
            assertThatThrownBy(() -> app.table("t", String.class, Long.class, null, o -> o.startManager(true)))
                    .isInstanceOf(ImproperlyConfiguredException.class).hasMessageContaining("app.setTable");
            assertThat(Set.copyOf(app.tables())).containsExactly(plain);
        }
    }
}
