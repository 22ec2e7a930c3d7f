/**
 * The end-to-end benchmark on Kafka: one embedded broker, the same consume → transform → produce
 * job written with raw kafka-clients, with Kafka Streams and with faust-java, at-least-once and
 * exactly-once, timed until every output is read back. Run it with {@code bench/e2e}; see
 * {@code docs/benchmarks.md}, section "End-to-end on Kafka".
 */
@NullMarked
package faust.bench.e2e;

import org.jspecify.annotations.NullMarked;
