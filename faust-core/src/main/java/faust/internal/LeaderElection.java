package faust.internal;

import faust.codec.Codecs;
import faust.settings.TopicSettings;
import faust.topic.TP;
import faust.topic.TopicSpec;
import faust.topic.internal.TopicImpl;
import java.util.List;

/**
 * Faust's leader election: every worker of the app subscribes to a one-partition topic that is
 * never written to; the worker the group assigns its partition is the leader, which runs
 * {@code onLeader} timers. Disabled by {@code topic_disable_leader}.
 */
public final class LeaderElection {
    private final AppRuntime rt;
    private final TopicImpl<byte[], byte[]> topic;
    private final TP partition;

    /**
     * @param appId the app id
     * @return the name of the app's leader-election topic
     */
    public static String topicName(String appId) {
        return appId + "-__assignor-__leader";
    }

    /**
     * Makes the app's leader-election topic (declared with the others at start-up).
     *
     * @param rt the runtime
     */
    public LeaderElection(AppRuntime rt) {
        this.rt = rt;
        String name = topicName(rt.settings().id());
        this.topic = rt.topics().topic(List.of(name), null, byte[].class, byte[].class,
                TopicSpec.of(o -> o.partitions(1).internal(true).keySerializer(Codecs.RAW).valueSerializer(Codecs.RAW)), true);
        this.partition = new TP(name, 0);
    }

    /** Joins the election, unless {@code topic_disable_leader}: the topic's partition is assigned with the others. */
    public void start() {
        if (!rt.settings().get(TopicSettings.TOPIC_DISABLE_LEADER)) {
            topic.subscribe();
        }
    }

    /** @return whether this worker is the group's leader: it owns partition 0 of the leader topic */
    public boolean isLeader() {
        ConsumerLoop loop = rt.consumerLoop();
        return loop != null && loop.assignment().contains(partition);
    }
}
