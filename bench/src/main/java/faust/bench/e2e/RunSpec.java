package faust.bench.e2e;

import faust.bench.e2e.Options.Mode;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One run of one system: where to read and write, under which guarantee, with which shared client
 * settings. Every system gets the same producer settings ({@code acks=all}, {@code linger.ms},
 * {@code batch.size}, idempotence on) and the same commit interval; consumers keep the client
 * defaults.
 *
 * @param runId unique per run: names the consumer group, application id and transactional id
 * @param client connection properties of the embedded broker (bootstrap servers and security)
 * @param brokerUrl the same broker as a Faust URL, {@code kafka://host:port}
 * @param inTopic the pre-filled input topic
 * @param outTopic the (new, empty) output topic
 * @param messages messages in the input topic
 * @param mode at-least-once or exactly-once
 * @param options the benchmark options
 * @param contender the system and, for a faust-java variant, its extra settings
 */
record RunSpec(String runId, Map<String, Object> client, String brokerUrl, String inTopic, String outTopic,
               long messages, Mode mode, Options options, Contender contender) {

    /** @return the commit interval of this run in ms */
    int commitMs() {
        return options.commitMs(mode);
    }

    /** @return producer properties shared by every system (byte[] serializers) */
    Map<String, Object> producerProps() {
        Map<String, Object> p = new HashMap<>(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, options.lingerMs());
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, options.batchSize());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return p;
    }

    /** @return consumer properties of the raw pipeline: manual commits, read_committed under EOS */
    Map<String, Object> consumerProps() {
        Map<String, Object> c = new HashMap<>(client);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, runId);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, mode == Mode.EOS ? "read_committed" : "read_uncommitted");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return c;
    }
}
