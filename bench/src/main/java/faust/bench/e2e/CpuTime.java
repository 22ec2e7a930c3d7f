package faust.bench.e2e;

import java.lang.management.ManagementFactory;

/** CPU time of this JVM and of the broker's child JVM, to report CPU per message beside throughput. */
final class CpuTime {
    private CpuTime() {}

    /** @return CPU seconds used by this JVM so far (every thread, user and system) */
    static double process() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /**
     * @return CPU seconds used so far by this JVM's child processes (the broker, when it runs in a
     *     child JVM), or NaN when there is none or the OS does not tell
     */
    static double broker() {
        double sum = 0;
        boolean any = false;
        for (ProcessHandle child : ProcessHandle.current().children().toList()) {
            var cpu = child.info().totalCpuDuration();
            if (cpu.isPresent()) {
                sum += cpu.get().toNanos() / 1e9;
                any = true;
            }
        }
        return any ? sum : Double.NaN;
    }
}
