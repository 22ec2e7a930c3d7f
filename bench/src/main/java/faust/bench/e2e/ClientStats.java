package faust.bench.e2e;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What the Kafka clients of this JVM report about their own work (their JMX metrics): how many
 * produce requests carried the records, how full the batches were, how often the producer's I/O
 * thread woke up; how many fetch requests the consumers made and how many records each brought.
 * Read at the end of a run, before the system closes; the clients' counts since they started are
 * the run's, since every run starts new clients (the verifier's consumer included).
 */
final class ClientStats {
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private ClientStats() {}

    /**
     * @param messages messages processed in the run
     * @return one entry per live producer, e.g. {@code faust-1.0: 812 requests, 1,231 records/request, ...}
     */
    static String producers(long messages) {
        StringBuilder out = new StringBuilder();
        try {
            for (ObjectName name : SERVER.queryNames(new ObjectName("kafka.producer:type=producer-metrics,client-id=*"), null)) {
                String id = name.getKeyProperty("client-id");
                double records = number(name, "record-send-total");
                if (records < messages / 2.0) {
                    continue;       // a producer of the app's other work (a plain producer beside a transactional one)
                }
                out.append(String.format(Locale.ROOT, "%s%s: %,.0f produce requests, %,.0f records/request, batches %,.0f B avg, "
                                + "I/O thread woke %,.0f times (%.1f per 1000 msgs), record queue time %.1f ms avg",
                        out.isEmpty() ? "" : "; ", id, number(name, "request-total"), number(name, "records-per-request-avg"),
                        number(name, "batch-size-avg"), number(name, "select-total"),
                        number(name, "select-total") * 1000 / messages, number(name, "record-queue-time-avg")));
            }
        } catch (Exception e) {
            return "producer metrics unavailable: " + e;
        }
        return out.toString();
    }

    /**
     * @param messages messages processed in the run
     * @return one entry per live consumer that read at least half as many records (the system's
     *     and the verifier's), e.g. {@code verifier-1: 2,310 fetches, 433 records/fetch, ...}
     */
    static String consumers(long messages) {
        StringBuilder out = new StringBuilder();
        try {
            for (ObjectName name : SERVER.queryNames(
                    new ObjectName("kafka.consumer:type=consumer-fetch-manager-metrics,client-id=*"), null)) {
                if (name.getKeyProperty("topic") != null || name.getKeyProperty("partition") != null) {
                    continue;       // per-topic and per-partition views of the same counts
                }
                String id = name.getKeyProperty("client-id");
                double records = number(name, "records-consumed-total");
                if (records < messages / 2.0) {
                    continue;       // a consumer of other work (a Streams restore consumer, say)
                }
                double fetches = number(name, "fetch-total");
                out.append(String.format(Locale.ROOT, "%s%s: %,.0f fetches (%.1f per 1000 msgs), %,.0f records/fetch avg, "
                                + "%,.0f B/fetch avg, fetch latency %.1f ms avg",
                        out.isEmpty() ? "" : "; ", id, fetches, fetches * 1000 / messages, records / Math.max(1, fetches),
                        number(name, "fetch-size-avg"), number(name, "fetch-latency-avg")));
            }
        } catch (Exception e) {
            return "consumer metrics unavailable: " + e;
        }
        return out.toString();
    }

    private static double number(ObjectName name, String attribute) throws Exception {
        Object v = SERVER.getAttribute(name, attribute);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
