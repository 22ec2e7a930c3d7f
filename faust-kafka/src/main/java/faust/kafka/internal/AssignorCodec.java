package faust.kafka.internal;

import faust.topic.TP;
import java.net.URI;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The bytes {@link FaustPartitionAssignor} puts in Kafka's subscription and assignment user data.
 *
 * <pre>
 * subscription: version:byte=1, url:string ("" = none), generation:int, partitions
 * assignment:   version:byte=1, members:int, then per member: url:string, partitions
 * partitions:   topics:int, then per topic: name:string, count:int, partition:int * count
 * string:       length:int, UTF-8 bytes
 * </pre>
 */
final class AssignorCodec {
    static final byte VERSION = 1;

    private AssignorCodec() {}

    /** What a member says about itself when it joins. */
    record SubscriptionInfo(@Nullable URI url, int generation, Set<TP> previous) {}

    static ByteBuffer encodeSubscription(@Nullable URI url, int generation, Set<TP> previous) {
        Out out = new Out();
        out.b.add(new byte[] {VERSION});
        out.string(url == null ? "" : url.toString());
        out.integer(generation);
        out.partitions(previous);
        return out.buffer();
    }

    /**
     * @param data user data, or null
     * @return the parsed info; an empty one for missing or unreadable data
     */
    static SubscriptionInfo decodeSubscription(@Nullable ByteBuffer data) {
        if (data == null || !data.hasRemaining()) {
            return new SubscriptionInfo(null, -1, Set.of());
        }
        ByteBuffer b = data.duplicate();
        try {
            if (b.get() != VERSION) {
                return new SubscriptionInfo(null, -1, Set.of());
            }
            URI url = uri(string(b));
            int generation = b.getInt();
            return new SubscriptionInfo(url, generation, partitions(b));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return new SubscriptionInfo(null, -1, Set.of());
        }
    }

    static ByteBuffer encodeGroup(Map<URI, Set<TP>> group) {
        Out out = new Out();
        out.b.add(new byte[] {VERSION});
        out.integer(group.size());
        for (Map.Entry<URI, Set<TP>> e : group.entrySet()) {
            out.string(e.getKey().toString());
            out.partitions(e.getValue());
        }
        return out.buffer();
    }

    static Map<URI, Set<TP>> decodeGroup(@Nullable ByteBuffer data) {
        if (data == null || !data.hasRemaining()) {
            return Map.of();
        }
        ByteBuffer b = data.duplicate();
        try {
            if (b.get() != VERSION) {
                return Map.of();
            }
            int n = b.getInt();
            Map<URI, Set<TP>> m = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                URI url = uri(string(b));
                Set<TP> tps = partitions(b);
                if (url != null) {
                    m.merge(url, tps, (x, y) -> {
                        Set<TP> u = new HashSet<>(x);
                        u.addAll(y);
                        return Set.copyOf(u);
                    });
                }
            }
            return Map.copyOf(m);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return Map.of();
        }
    }

    private static @Nullable URI uri(String s) {
        return s.isEmpty() ? null : URI.create(s);
    }

    private static String string(ByteBuffer b) {
        int len = b.getInt();
        if (len < 0 || len > b.remaining()) {
            throw new IllegalArgumentException("bad string length " + len);
        }
        byte[] bytes = new byte[len];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Set<TP> partitions(ByteBuffer b) {
        int topics = b.getInt();
        Set<TP> out = new HashSet<>();
        for (int i = 0; i < topics; i++) {
            String t = string(b);
            int count = b.getInt();
            if (count < 0 || count > b.remaining() / 4) {
                throw new IllegalArgumentException("bad partition count " + count);
            }
            for (int j = 0; j < count; j++) {
                out.add(new TP(t, b.getInt()));
            }
        }
        return Set.copyOf(out);
    }

    /** Collects the parts, then copies them into one buffer. */
    private static final class Out {
        final List<byte[]> b = new ArrayList<>();

        void integer(int v) {
            b.add(ByteBuffer.allocate(4).putInt(v).array());
        }

        void string(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            integer(bytes.length);
            b.add(bytes);
        }

        void partitions(Collection<TP> tps) {
            Map<String, Set<Integer>> byTopic = new TreeMap<>();
            for (TP tp : tps) {
                byTopic.computeIfAbsent(tp.topic(), k -> new TreeSet<>()).add(tp.partition());
            }
            integer(byTopic.size());
            byTopic.forEach((t, ps) -> {
                string(t);
                integer(ps.size());
                ps.forEach(this::integer);
            });
        }

        ByteBuffer buffer() {
            int size = 0;
            for (byte[] x : b) {
                size += x.length;
            }
            ByteBuffer out = ByteBuffer.allocate(size);
            b.forEach(out::put);
            return out.flip();
        }
    }
}
