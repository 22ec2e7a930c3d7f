/**
 * The state store SPI: where a table keeps its partitions locally. Stores are found by the URL
 * scheme of the {@code store} setting (or a table's own store URL) through
 * {@link java.util.ServiceLoader}, as transports are: {@code memory://} comes with faust-core.
 *
 * <p>A store holds raw bytes, the same bytes the table's changelog carries, so that a store never
 * needs to know the table's types and a changelog record is applied without re-encoding.
 */
@NullMarked
package faust.store;

import org.jspecify.annotations.NullMarked;
