package faust.transport;

import faust.settings.CommonSettings;
import faust.settings.ProcessingGuarantee;
import faust.settings.Section;
import faust.settings.Setting;
import faust.settings.Settings;
import faust.settings.TopicSettings;
import faust.settings.WebSettings;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * What a transport is configured with: the app's id and broker URLs, the processing guarantee,
 * credentials, and the {@link Section#BROKER broker}, {@link Section#CONSUMER consumer} and
 * {@link Section#PRODUCER producer} settings; not the rest of the app's settings. Immutable and
 * thread-safe.
 */
public final class TransportConfig {
    private static final Set<Section> SECTIONS = Set.of(Section.BROKER, Section.CONSUMER, Section.PRODUCER);
    private final Settings settings;

    private TransportConfig(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param settings an app's settings
     * @return the part of them a transport reads
     */
    public static TransportConfig of(Settings settings) {
        return new TransportConfig(Objects.requireNonNull(settings, "settings"));
    }

    /** @return the app id: the consumer group id and the prefix of the app's transactional ids */
    public String appId() {
        return settings.id();
    }

    /** @return the broker URLs (setting {@code broker}) */
    public List<URI> brokers() {
        return settings.get(CommonSettings.BROKER);
    }

    /** @return the processing guarantee (setting {@code processing_guarantee}) */
    public ProcessingGuarantee processingGuarantee() {
        return settings.get(CommonSettings.PROCESSING_GUARANTEE);
    }

    /** @return whether the processing guarantee is exactly-once: consumers then read committed messages only */
    public boolean exactlyOnce() {
        return processingGuarantee() == ProcessingGuarantee.EXACTLY_ONCE;
    }

    /** @return the partitions of a topic created without a count (setting {@code topic_partitions}) */
    public int defaultPartitions() {
        return settings.get(TopicSettings.TOPIC_PARTITIONS);
    }

    /** @return this worker's URL, which the group's members share for routing (setting {@code canonical_url}) */
    public URI canonicalUrl() {
        return settings.get(WebSettings.CANONICAL_URL);
    }

    /** @return the broker credentials object (setting {@code broker_credentials}) */
    public Optional<Object> credentials() {
        return settings.get(CommonSettings.BROKER_CREDENTIALS);
    }

    /** @return the SSL context (setting {@code ssl_context}) */
    public Optional<SSLContext> sslContext() {
        return settings.get(CommonSettings.SSL_CONTEXT);
    }

    /**
     * @param setting a broker, consumer or producer setting
     * @param <T> its type
     * @return its value
     * @throws IllegalArgumentException for a setting of another section: a transport reads only these
     */
    public <T> T get(Setting<T> setting) {
        if (!SECTIONS.contains(setting.section())) {
            throw new IllegalArgumentException("a transport reads only broker, consumer and producer settings; "
                    + setting.key() + " is a " + setting.section().title() + " setting");
        }
        return settings.get(setting);
    }

    @Override
    public String toString() {
        return "TransportConfig[" + appId() + " " + brokers() + "]";
    }
}
