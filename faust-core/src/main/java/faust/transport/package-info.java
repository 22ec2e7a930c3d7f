/**
 * The transport SPI: what a broker driver implements ({@code memory://} in core, {@code kafka://}
 * in faust-kafka). Drivers are found by URL scheme through {@link java.util.ServiceLoader}.
 */
@NullMarked
package faust.transport;

import org.jspecify.annotations.NullMarked;
