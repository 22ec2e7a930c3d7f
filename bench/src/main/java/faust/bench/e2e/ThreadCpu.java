package faust.bench.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * CPU time of this JVM's platform threads, grouped by name, between two snapshots: where a
 * system's client-side CPU goes (its consuming, processing and producing threads apart). Virtual
 * threads are counted in their carriers ({@code ForkJoinPool-N-worker-N}). A thread that ended
 * between the snapshots is missing, so take the second one before the system is closed.
 */
final class ThreadCpu {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> cpuById;
    private final Map<Long, String> nameById;

    private ThreadCpu(Map<Long, Long> cpuById, Map<Long, String> nameById) {
        this.cpuById = cpuById;
        this.nameById = nameById;
    }

    /** @return CPU nanoseconds of every live platform thread now, or an empty snapshot if the JVM cannot tell */
    static ThreadCpu snapshot() {
        Map<Long, Long> cpu = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        if (MX.isThreadCpuTimeSupported() && MX.isThreadCpuTimeEnabled()) {
            for (ThreadInfo info : MX.getThreadInfo(MX.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                long ns = MX.getThreadCpuTime(info.getThreadId());
                if (ns >= 0) {
                    cpu.put(info.getThreadId(), ns);
                    names.put(info.getThreadId(), info.getThreadName());
                }
            }
        }
        return new ThreadCpu(cpu, names);
    }

    /**
     * @param start the earlier snapshot
     * @param messages messages processed between the two
     * @param top how many groups to list, the busiest first
     * @return e.g. {@code faust-consumer-N 0.37, ForkJoinPool-N-worker-N 0.62} in µs per message
     */
    String perMessageSince(ThreadCpu start, long messages, int top) {
        Map<String, Long> byGroup = new TreeMap<>();
        cpuById.forEach((id, ns) -> byGroup.merge(group(nameById.get(id)), ns - start.cpuById.getOrDefault(id, 0L), Long::sum));
        return byGroup.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / 1e3 / messages))
                .collect(Collectors.joining(", "));
    }

    /** Thread names with numbers (run ids, indexes, versions) folded, so one role is one group. */
    static String group(String name) {
        String n = name.replaceAll("e2e-[a-z]+-[a-z]+-\\d+-[0-9a-f]+", "<run>").replaceAll("\\d+", "N");
        return n.length() > 60 ? n.substring(0, 60) : n;
    }
}
