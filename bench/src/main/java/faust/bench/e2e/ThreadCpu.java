package faust.bench.e2e;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * CPU time and allocation of this JVM's platform threads, grouped by name, and its garbage
 * collections, between two snapshots: where a system's client-side CPU goes (its consuming,
 * processing and producing threads apart, and the JVM's own work: GC and JIT threads are not Java
 * threads and show only in the process CPU). Virtual threads are counted in their carriers
 * ({@code ForkJoinPool-N-worker-N}). A thread that ended between the snapshots is missing, so take
 * the second one before the system is closed.
 */
final class ThreadCpu {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> cpuById;
    private final Map<Long, Long> allocatedById;
    private final Map<Long, String> nameById;
    private final long gcCount;
    private final long gcMillis;

    private ThreadCpu(Map<Long, Long> cpuById, Map<Long, Long> allocatedById, Map<Long, String> nameById, long gcCount,
                      long gcMillis) {
        this.cpuById = cpuById;
        this.allocatedById = allocatedById;
        this.nameById = nameById;
        this.gcCount = gcCount;
        this.gcMillis = gcMillis;
    }

    /** @return CPU nanoseconds and allocated bytes of every live platform thread now (empty if the JVM cannot tell) */
    static ThreadCpu snapshot() {
        Map<Long, Long> cpu = new HashMap<>();
        Map<Long, Long> allocated = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        boolean cpuOn = MX.isThreadCpuTimeSupported() && MX.isThreadCpuTimeEnabled();
        com.sun.management.ThreadMXBean alloc = MX instanceof com.sun.management.ThreadMXBean s
                && s.isThreadAllocatedMemorySupported() && s.isThreadAllocatedMemoryEnabled() ? s : null;
        for (ThreadInfo info : MX.getThreadInfo(MX.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long id = info.getThreadId();
            names.put(id, info.getThreadName());
            long ns = cpuOn ? MX.getThreadCpuTime(id) : -1;
            if (ns >= 0) {
                cpu.put(id, ns);
            }
            long bytes = alloc == null ? -1 : alloc.getThreadAllocatedBytes(id);
            if (bytes >= 0) {
                allocated.put(id, bytes);
            }
        }
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new ThreadCpu(cpu, allocated, names, count, millis);
    }

    /**
     * @param start the earlier snapshot
     * @param messages messages processed between the two
     * @param top how many groups to list, the busiest first
     * @return e.g. {@code faust-consumer-N 0.37, ForkJoinPool-N-worker-N 0.62} in µs per message
     */
    String perMessageSince(ThreadCpu start, long messages, int top) {
        return byGroup(cpuById, start.cpuById, top, ns -> String.format(Locale.ROOT, "%.2f", ns / 1e3 / messages));
    }

    /**
     * @param start the earlier snapshot
     * @param messages messages processed between the two
     * @param top how many groups to list, the most allocating first
     * @return e.g. {@code faust-consumer-N 310, ForkJoinPool-N-worker-N 150} in bytes per message
     */
    String allocatedPerMessageSince(ThreadCpu start, long messages, int top) {
        return byGroup(allocatedById, start.allocatedById, top, b -> String.format(Locale.ROOT, "%.0f", (double) b / messages));
    }

    /**
     * @param start the earlier snapshot
     * @param processCpuNanos the process CPU between the two snapshots
     * @param messages messages processed between the two
     * @return the garbage collections between the two, and the process CPU that no live Java thread
     *     accounts for (GC and JIT compiler threads, mostly) in µs per message
     */
    String jvmSince(ThreadCpu start, double processCpuNanos, long messages) {
        long threads = 0;
        for (Map.Entry<Long, Long> e : cpuById.entrySet()) {
            threads += e.getValue() - start.cpuById.getOrDefault(e.getKey(), 0L);
        }
        return String.format(Locale.ROOT, "%d GCs, %d ms; CPU outside Java threads (JIT compilers, GC) %.2f us/msg",
                gcCount - start.gcCount, gcMillis - start.gcMillis, (processCpuNanos - threads) / 1e3 / messages);
    }

    private String byGroup(Map<Long, Long> now, Map<Long, Long> before, int top, Function<Long, String> format) {
        Map<String, Long> groups = new TreeMap<>();
        now.forEach((id, v) -> groups.merge(group(nameById.getOrDefault(id, "?")), v - before.getOrDefault(id, 0L), Long::sum));
        return groups.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .map(e -> e.getKey() + " " + format.apply(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** Thread names with numbers (run ids, indexes, versions) folded, so one role is one group. */
    static String group(String name) {
        String n = name.replaceAll("e2e-[a-z]+-[a-z]+-\\d+-[0-9a-f]+", "<run>").replaceAll("\\d+", "N");
        return n.length() > 60 ? n.substring(0, 60) : n;
    }
}
