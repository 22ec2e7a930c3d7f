package faust.table.internal;

import com.fasterxml.jackson.databind.JsonNode;
import faust.table.SetTable;
import faust.topic.RecordMetadata;
import faust.topic.Topic;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Sends set operations to a set table's manager topic as Faust's {@code SetManagerOperation}
 * record: {@code {"action":"ADD","members":[...],"__faust":{"ns":"@SetManagerOperation"}}}.
 *
 * @param <K> key type
 * @param <E> element type
 */
final class SetManager<K, E> implements SetTable.Manager<K, E> {
    static final String NAMESPACE = "@SetManagerOperation";

    private final Topic<K, byte[]> topic;
    private final Function<E, byte[]> elementBytes;

    SetManager(Topic<K, byte[]> topic, Function<E, byte[]> elementBytes) {
        this.topic = topic;
        this.elementBytes = elementBytes;
    }

    Topic<K, byte[]> channel() {
        return topic;
    }

    /** An operation read from the topic: its action and its members, each still encoded. */
    record Operation(String action, List<byte[]> members) {
    }

    /**
     * @param value a manager topic record's value
     * @return the operation
     * @throws IllegalArgumentException when it is not a {@code SetManagerOperation}
     */
    static Operation parse(byte @Nullable [] value) {
        if (value == null) {
            throw new IllegalArgumentException("a set operation without a value");
        }
        JsonNode n = JsonArrays.tree(value);
        JsonNode action = n.get("action");
        if (!n.isObject() || action == null || !action.isTextual()) {
            throw new IllegalArgumentException("expected a SetManagerOperation {\"action\": ..., \"members\": [...]}, got "
                    + JsonArrays.abbreviate(n.toString()));
        }
        JsonNode members = n.get("members");
        return new Operation(action.asText(), members == null || members.isNull() ? List.of()
                : JsonArrays.elements(members, "the members as a JSON array"));
    }

    private CompletableFuture<RecordMetadata> send(String action, K key, Collection<? extends E> members) {
        List<byte[]> encoded = new ArrayList<>(members.size());
        for (E e : members) {
            encoded.add(elementBytes.apply(e));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("{\"action\":\"" + action + "\",\"members\":").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(JsonArrays.join(encoded));
        out.writeBytes((",\"__faust\":{\"ns\":\"" + NAMESPACE + "\"}}").getBytes(StandardCharsets.UTF_8));
        return topic.send(key, out.toByteArray());
    }

    @Override
    public String topic() {
        return topic.topics().get(0);
    }

    @Override
    public CompletableFuture<RecordMetadata> add(K key, E element) {
        return send("ADD", key, List.of(element));
    }

    @Override
    public CompletableFuture<RecordMetadata> discard(K key, E element) {
        return send("DISCARD", key, List.of(element));
    }

    @Override
    public CompletableFuture<RecordMetadata> clear(K key) {
        return send("CLEAR", key, List.of());
    }

    @Override
    public CompletableFuture<RecordMetadata> differenceUpdate(K key, Collection<? extends E> elements) {
        return send("DISCARD", key, elements);
    }

    @Override
    public CompletableFuture<RecordMetadata> intersectionUpdate(K key, Collection<? extends E> elements) {
        return send("INTERSECTION", key, elements);
    }

    @Override
    public CompletableFuture<RecordMetadata> symmetricDifferenceUpdate(K key, Collection<? extends E> elements) {
        return send("SYMDIFF", key, elements);
    }
}
