/**
 * The {@code kafka://} driver behind the transport SPI: {@link faust.kafka.internal.KafkaTransportFactory}
 * (found by {@link java.util.ServiceLoader}), the consumer and producers wrapping Kafka's clients,
 * topic declaration through the admin client, and {@link faust.kafka.internal.FaustPartitionAssignor}.
 * Not API: the core reaches it only through {@code faust.transport}.
 */
@NullMarked
package faust.kafka.internal;

import org.jspecify.annotations.NullMarked;
