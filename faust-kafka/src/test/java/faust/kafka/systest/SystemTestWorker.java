package faust.kafka.systest;

import faust.App;
import faust.settings.ProcessingGuarantee;
import faust.stream.Event;
import faust.topic.Topic;
import java.time.Duration;

/**
 * One worker process of the scale-out system test: copies every input message to the output
 * topic, keeping key and value. Run as {@code java -cp ... SystemTestWorker <broker> <guarantee> <instance>}
 * by {@link ScaleOutSystemTest}; it runs until it is killed.
 */
public final class SystemTestWorker {
    static final int PARTITIONS = 8;
    static final String INPUT = "systest-in";

    private SystemTestWorker() {}

    static String output(String guarantee) {
        return "systest-out-" + guarantee;
    }

    /** @param args broker URL, processing guarantee (at_least_once or exactly_once), instance id */
    public static void main(String[] args) {
        String broker = args[0];
        String guarantee = args[1];
        String instance = args[2];
        App app = App.create("systest-" + guarantee, cfg -> cfg
                .broker(broker)
                .processingGuarantee(ProcessingGuarantee.fromFaustName(guarantee))
                .keySerializer("raw").valueSerializer("raw")
                .brokerCommitInterval(Duration.ofMillis(200))
                .set("broker_session_timeout", "6.0")
                .set("broker_heartbeat_interval", "1.0")
                .set("consumer_group_instance_id", instance)
                .set("topic_partitions", PARTITIONS));
        Topic<String, String> in = app.topic(INPUT, String.class, String.class, o -> o.partitions(PARTITIONS));
        Topic<String, String> out = app.topic(output(guarantee), String.class, String.class, o -> o.partitions(PARTITIONS));
        app.agent("copy", in, stream -> {
            for (Event<String, String> e : stream.events()) {
                out.send(e.key(), e.value());
            }
        });
        app.main("worker", "--loglevel", "WARN");
    }
}
