/**
 * Table internals: the changelog-backed table, the table manager (which partitions this worker
 * holds, and their recovery before the source partitions resume).
 *
 * <p><strong>Internal package.</strong> Not part of the supported API; excluded from the published
 * Javadoc; may change in any release without notice.
 */
@NullMarked
package faust.table.internal;

import org.jspecify.annotations.NullMarked;
