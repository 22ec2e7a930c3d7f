/**
 * The runtime's side of sensors: the delegate that fans each hook out to every registered sensor,
 * with per-sensor state bundles and rate-limited failure logging. Not API.
 */
@NullMarked
package faust.sensor.internal;

import org.jspecify.annotations.NullMarked;
