package faust.bench.rpc;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One measured round of {@link RpcBenchmark}.
 *
 * @param system what asked: {@code faust-java headers}, {@code faust-java envelope} or {@code raw kafka-clients}; null before it is labelled
 * @param askers concurrent askers
 * @param asks asks in the round
 * @param elapsedNanos from the first ask sent to the last reply
 * @param p50Nanos median latency of one ask
 * @param p99Nanos 99th percentile
 * @param maxNanos slowest ask
 * @param meanNanos mean latency
 * @param requestLegNanos mean time from sending a request to the agent holding it
 * @param failures asks that failed or returned a wrong result
 */
record RpcResult(@Nullable String system, int askers, int asks, long elapsedNanos, long p50Nanos, long p99Nanos, long maxNanos,
                 long meanNanos, long requestLegNanos, int failures) {
    static final String TABLE_HEADER = """
            | system | askers | asks | asks/s | p50 ms | p99 ms | max ms | mean ms | request leg ms | reply leg ms | failures |
            | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |""";

    RpcResult labelled(String label, int a) {
        return new RpcResult(label, a, asks, elapsedNanos, p50Nanos, p99Nanos, maxNanos, meanNanos, requestLegNanos, failures);
    }

    RpcResult withRequestLeg(long nanos) {
        return new RpcResult(system, askers, asks, elapsedNanos, p50Nanos, p99Nanos, maxNanos, meanNanos, nanos, failures);
    }

    double asksPerSecond() {
        return asks * 1e9 / elapsedNanos;
    }

    String line() {
        return String.format(Locale.ROOT, "measured %-20s askers=%-3d %,9.0f asks/s  p50 %.2f ms  p99 %.2f ms  max %.1f ms  "
                        + "mean %.2f ms = request %.2f + reply %.2f  failures %d",
                system == null ? "?" : system, askers, asksPerSecond(), p50Nanos / 1e6,
                p99Nanos / 1e6, maxNanos / 1e6, meanNanos / 1e6, requestLegNanos / 1e6, (meanNanos - requestLegNanos) / 1e6,
                failures);
    }

    String row() {
        return String.format(Locale.ROOT, "| %s | %d | %,d | %,.0f | %.2f | %.2f | %.1f | %.2f | %.2f | %.2f | %d |",
                system == null ? "?" : system, askers, asks, asksPerSecond(), p50Nanos / 1e6,
                p99Nanos / 1e6, maxNanos / 1e6, meanNanos / 1e6, requestLegNanos / 1e6, (meanNanos - requestLegNanos) / 1e6,
                failures);
    }
}
