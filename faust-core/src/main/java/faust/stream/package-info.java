/** Streams, events and messages: what agents iterate over. */
@NullMarked
package faust.stream;

import org.jspecify.annotations.NullMarked;
