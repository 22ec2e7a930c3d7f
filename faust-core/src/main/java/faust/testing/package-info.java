/**
 * What tests of faust-java apps use beside {@code faust.AppTestDriver}: a {@link faust.testing.ManualClock}
 * that timers run on, and {@link faust.testing.Await} for conditions another thread brings about.
 */
@NullMarked
package faust.testing;

import org.jspecify.annotations.NullMarked;
