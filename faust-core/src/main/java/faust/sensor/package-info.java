/** Sensors (hooks on the message flow) and the Monitor that keeps statistics. */
@NullMarked
package faust.sensor;

import org.jspecify.annotations.NullMarked;
