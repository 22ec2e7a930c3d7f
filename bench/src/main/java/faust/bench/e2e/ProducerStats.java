package faust.bench.e2e;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What the Kafka producers of this JVM report about their own work (their JMX metrics): how many
 * produce requests carried the records, how full the batches were, how often the I/O thread woke
 * up. Read at the end of a run, before the system closes; the producers' counts since they started
 * are the run's, since every run starts new producers.
 */
final class ProducerStats {
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private ProducerStats() {}

    /**
     * @param messages messages processed in the run
     * @return one line per live producer, e.g. {@code faust-1.0: 812 requests, 1,231 records/request, ...}
     */
    static String describe(long messages) {
        StringBuilder out = new StringBuilder();
        try {
            for (ObjectName name : SERVER.queryNames(new ObjectName("kafka.producer:type=producer-metrics,client-id=*"), null)) {
                String id = name.getKeyProperty("client-id");
                double requests = number(name, "request-total");
                double records = number(name, "record-send-total");
                if (records < messages / 2.0) {
                    continue;       // a producer of the app's other work (a plain producer beside a transactional one)
                }
                out.append(String.format(Locale.ROOT, "%s%s: %,.0f produce requests, %,.0f records/request, batches %,.0f B avg, "
                                + "I/O thread woke %,.0f times (%.1f per 1000 msgs), record queue time %.1f ms avg",
                        out.isEmpty() ? "" : "; ", id, requests, number(name, "records-per-request-avg"),
                        number(name, "batch-size-avg"), number(name, "select-total"),
                        number(name, "select-total") * 1000 / messages, number(name, "record-queue-time-avg")));
            }
        } catch (Exception e) {
            return "producer metrics unavailable: " + e;
        }
        return out.toString();
    }

    private static double number(ObjectName name, String attribute) throws Exception {
        Object v = SERVER.getAttribute(name, attribute);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
