/**
 * Ports of Faust's {@code examples/windowing}: {@link faust.examples.windowing.Tumbling} and
 * {@link faust.examples.windowing.Hopping} count events in windowed tables and print what each of
 * {@link faust.table.WindowSet}'s reads gives.
 */
package faust.examples.windowing;
