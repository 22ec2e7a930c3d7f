/**
 * Implementation of {@link faust.embedded.EmbeddedKafka}: port allocation, broker configuration,
 * storage formatting, certificate generation and the in-process and child-JVM nodes. Not API:
 * names and signatures here may change in any release.
 */
@NullMarked
package faust.embedded.internal;

import org.jspecify.annotations.NullMarked;
