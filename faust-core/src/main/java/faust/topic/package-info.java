/** Channels and topics: where messages are sent and where streams read from. */
@NullMarked
package faust.topic;

import org.jspecify.annotations.NullMarked;
