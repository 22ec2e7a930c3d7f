package faust.topic.internal;

import faust.settings.Settings;
import faust.stream.Headers;
import faust.stream.internal.StreamRuntime;
import faust.topic.RecordMetadata;
import faust.transport.Transport;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * What topics need from the app's runtime, beyond what streams need: the settings, the transport
 * (for declarations), the send path, subscriptions and the app's topic registry.
 */
public interface TopicRuntime extends StreamRuntime {
    /** @return the settings */
    Settings settings();

    /** @return the transport, created on first use */
    Transport transport();

    /** @return the app's topics */
    TopicRegistry topics();

    /**
     * Produces serialized bytes, with send sensors; under exactly-once, inside the transaction
     * when called while an agent processes an event.
     *
     * @param topic destination
     * @param partition partition or null
     * @param timestamp epoch millis or null
     * @param key key bytes
     * @param value value bytes
     * @param headers headers
     * @return completes with where the message landed, or with a {@code ProducerSendException}
     */
    CompletableFuture<RecordMetadata> produce(String topic, @Nullable Integer partition, @Nullable Long timestamp,
                                              byte @Nullable [] key, byte @Nullable [] value, Headers headers);

    /**
     * Routes this topic's messages to it from now on; starts consuming it if the app runs.
     *
     * @param topic the topic
     */
    void subscribe(TopicImpl<?, ?> topic);
}
