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
 * subscription: version:byte=2, url:string ("" = none), generation:int, partitions (owned),
 *               replicas:int, changelogs:int, then per changelog: name:string, partitions:int,
 *               partitions (followed as standby)
 * assignment:   version:byte=2, members:int, then per member: url:string, partitions;
 *               then partitions (this member's standbys)
 * partitions:   topics:int, then per topic: name:string, count:int, partition:int * count
 * string:       length:int, UTF-8 bytes
 * </pre>
 *
 * Version 1 (no standby parts) is still read, so that a worker of an earlier version joining the
 * group neither breaks the assignment nor is given standbys.
 */
final class AssignorCodec {
    static final byte VERSION = 2;
    private static final byte V1 = 1;

    private AssignorCodec() {}

    /**
     * What a member says about itself when it joins.
     *
     * @param url its web URL, or null
     * @param generation the generation of its last assignment, -1 for none
     * @param previous the partitions it owned
     * @param replicas the standbys it asks for per changelog partition
     * @param changelogs its tables' changelog topics and their partition counts
     * @param previousStandbys the changelog partitions it followed as a standby
     */
    record SubscriptionInfo(@Nullable URI url, int generation, Set<TP> previous, int replicas,
                            Map<String, Integer> changelogs, Set<TP> previousStandbys) {
        static SubscriptionInfo empty() {
            return new SubscriptionInfo(null, -1, Set.of(), 0, Map.of(), Set.of());
        }
    }

    static ByteBuffer encodeSubscription(SubscriptionInfo info) {
        Out out = new Out();
        out.b.add(new byte[] {VERSION});
        out.string(info.url() == null ? "" : String.valueOf(info.url()));
        out.integer(info.generation());
        out.partitions(info.previous());
        out.integer(info.replicas());
        Map<String, Integer> changelogs = new TreeMap<>(info.changelogs());
        out.integer(changelogs.size());
        changelogs.forEach((topic, count) -> {
            out.string(topic);
            out.integer(count);
        });
        out.partitions(info.previousStandbys());
        return out.buffer();
    }

    /**
     * @param data user data, or null
     * @return the parsed info; an empty one for missing or unreadable data
     */
    static SubscriptionInfo decodeSubscription(@Nullable ByteBuffer data) {
        if (data == null || !data.hasRemaining()) {
            return SubscriptionInfo.empty();
        }
        ByteBuffer b = data.duplicate();
        try {
            byte version = b.get();
            if (version != VERSION && version != V1) {
                return SubscriptionInfo.empty();
            }
            URI url = uri(string(b));
            int generation = b.getInt();
            Set<TP> previous = partitions(b);
            if (version == V1) {
                return new SubscriptionInfo(url, generation, previous, 0, Map.of(), Set.of());
            }
            int replicas = b.getInt();
            int n = b.getInt();
            if (n < 0 || n > b.remaining()) {
                throw new IllegalArgumentException("bad changelog count " + n);
            }
            Map<String, Integer> changelogs = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                changelogs.put(string(b), b.getInt());
            }
            return new SubscriptionInfo(url, generation, previous, replicas, Map.copyOf(changelogs), partitions(b));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return SubscriptionInfo.empty();
        }
    }

    /**
     * @param group every member's URL and partitions
     * @param standbys the changelog partitions the member this goes to follows
     * @return a member's assignment user data
     */
    static ByteBuffer encodeAssignment(Map<URI, Set<TP>> group, Set<TP> standbys) {
        Out out = new Out();
        out.b.add(new byte[] {VERSION});
        out.integer(group.size());
        for (Map.Entry<URI, Set<TP>> e : group.entrySet()) {
            out.string(e.getKey().toString());
            out.partitions(e.getValue());
        }
        out.partitions(standbys);
        return out.buffer();
    }

    /**
     * @param data a member's assignment user data, or null
     * @return the changelog partitions it follows; none for missing, version 1 or unreadable data
     */
    static Set<TP> decodeStandbys(@Nullable ByteBuffer data) {
        if (data == null || !data.hasRemaining()) {
            return Set.of();
        }
        ByteBuffer b = data.duplicate();
        try {
            if (b.get() != VERSION) {
                return Set.of();
            }
            int n = b.getInt();
            for (int i = 0; i < n; i++) {
                string(b);
                partitions(b);
            }
            return partitions(b);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return Set.of();
        }
    }

    static Map<URI, Set<TP>> decodeGroup(@Nullable ByteBuffer data) {
        if (data == null || !data.hasRemaining()) {
            return Map.of();
        }
        ByteBuffer b = data.duplicate();
        try {
            byte version = b.get();
            if (version != VERSION && version != V1) {
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
