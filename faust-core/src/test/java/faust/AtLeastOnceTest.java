package faust;

import static faust.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import faust.topic.TP;
import faust.topic.Topic;
import faust.transport.GatedTransportFactory;
import faust.transport.internal.MemoryBroker;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** processing_guarantee=at_least_once: when offsets commit relative to the sends of their events. */
class AtLeastOnceTest {

    @Test
    void an_offset_commits_only_once_its_events_sends_are_acknowledged_and_periodic_commits_never_flush() throws Exception {
        String name = UUID.randomUUID().toString();
        String id = "alo-" + name;
        GatedTransportFactory.Gate gate = GatedTransportFactory.gate(id);
        gate.holdSends();
        App app = TestApps.app(id, "gated://" + name, c -> { });
        Topic<String, Integer> in = app.topic("in", String.class, Integer.class, o -> o.partitions(1));
        Topic<String, Integer> out = app.topic("out", String.class, Integer.class, o -> o.partitions(1));
        AtomicInteger processed = new AtomicInteger();
        AtomicInteger commitsBegun = new AtomicInteger();
        AtomicInteger commitsDone = new AtomicInteger();
        app.sensors().add(new faust.sensor.Sensor() {
            @Override
            public Object onCommitInitiated() {
                commitsBegun.incrementAndGet();
                return null;
            }

            @Override
            public void onCommitCompleted(Object state) {
                commitsDone.incrementAndGet();
            }
        });
        app.agent("copy", in, stream -> {
            for (Integer v : stream) {
                out.send("k", v);
                processed.incrementAndGet();
            }
        });
        App feeder = TestApps.app("feeder-" + name, "gated://" + name, c -> { });
        Topic<String, Integer> input = feeder.topic("in", String.class, Integer.class, o -> o.partitions(1));
        MemoryBroker mb = MemoryBroker.named("gated-" + name);
        TP in0 = new TP("in", 0);
        app.start();
        feeder.start();
        try {
            for (int i = 0; i < 3; i++) {
                input.send("k", i).join();
            }
            until(Duration.ofSeconds(10), () -> processed.get() == 3, "3 events processed");
            // the commit of the 3 offsets began and waits for their sends: evidence that a commit cycle ran
            until(Duration.ofSeconds(10), () -> commitsBegun.get() >= 1, "a commit of the processed offsets begun");
            assertThat(commitsDone.get()).as("a commit cannot end before the sends it covers").isZero();
            assertThat(mb.committed(id, in0)).as("nothing commits while the events' output is unacknowledged").isNull();
            gate.acknowledgeSends();
            until(Duration.ofSeconds(10), () -> Long.valueOf(3).equals(mb.committed(id, in0)), "offset 3 committed");
            assertThat(gate.flushes()).as("periodic commits wait for sends instead of flushing the producer").isZero();
        } finally {
            gate.acknowledgeSends();
            app.stop();
            feeder.stop();
        }
    }
}
