package faust.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time of the JIT compiler threads ({@code C1 CompilerThread…}, {@code C2 CompilerThread…})
 * of this JVM and of its child JVMs (the broker), read from {@code /proc} on Linux. A run whose
 * JIT time is large was measured while the JVMs were still compiling: not at steady state.
 *
 * <p>Each task's {@code /proc/<pid>/task/<tid>/stat} holds the thread's name in parentheses and,
 * after it, its user and system CPU in clock ticks as the 14th and 15th fields. Linux reports
 * ticks at {@code USER_HZ}, 100 per second on the usual architectures.
 */
final class JitCpu {
    private static final double TICKS_PER_SECOND = 100.0;

    private JitCpu() {}

    /** @return JIT compiler CPU seconds so far of this JVM and its children, NaN where /proc does not exist */
    static double seconds() {
        if (!Files.isDirectory(Path.of("/proc/self/task"))) {
            return Double.NaN;
        }
        long ticks = compilerTicks(ProcessHandle.current().pid());
        for (ProcessHandle child : ProcessHandle.current().children().toList()) {
            ticks += compilerTicks(child.pid());
        }
        return ticks / TICKS_PER_SECOND;
    }

    private static long compilerTicks(long pid) {
        List<Path> tasks;
        try (Stream<Path> s = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks = s.toList();
        } catch (IOException e) {
            return 0;     // the process ended
        }
        long sum = 0;
        for (Path task : tasks) {
            try {
                sum += compilerTicks(Files.readString(task.resolve("stat")));
            } catch (IOException e) {
                // the thread ended while listed
            }
        }
        return sum;
    }

    /**
     * @param stat the text of one task's {@code stat} file
     * @return its user plus system ticks when it is a JIT compiler thread, else 0
     */
    static long compilerTicks(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            return 0;
        }
        String name = stat.substring(open + 1, close);
        if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
            return 0;
        }
        String[] fields = stat.substring(close + 2).split(" ");     // fields from the 3rd (state) on
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
