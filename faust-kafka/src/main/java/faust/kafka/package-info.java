/**
 * The {@code kafka://} transport for faust-java: consumer, producer, topic declaration,
 * partition assignor, transactions and credentials, on Apache Kafka's own clients.
 */
@NullMarked
package faust.kafka;

import org.jspecify.annotations.NullMarked;
