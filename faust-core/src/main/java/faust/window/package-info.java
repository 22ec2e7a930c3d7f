/**
 * Windows: how a timestamp maps to the time ranges a windowed table aggregates over (Faust's
 * {@code faust.windows}). A sealed {@link faust.window.Window} with {@link faust.window.TumblingWindow},
 * {@link faust.window.HoppingWindow} and {@link faust.window.SlidingWindow}; a
 * {@link faust.window.WindowRange} is half-open, {@code [start, end)}. Faust's inclusive
 * {@code start + size - 0.1} end appears only where Faust's bytes need it (windowed changelog keys).
 */
@NullMarked
package faust.window;

import org.jspecify.annotations.NullMarked;
