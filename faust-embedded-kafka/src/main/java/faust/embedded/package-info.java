/**
 * A real Apache Kafka broker in KRaft mode, one node or three, started in-process or as child
 * JVMs on loopback and free ports: for the demo, integration tests and benchmarks.
 */
@NullMarked
package faust.embedded;

import org.jspecify.annotations.NullMarked;
