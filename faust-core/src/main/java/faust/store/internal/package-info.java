/**
 * Store internals: the {@code memory://} store.
 *
 * <p><strong>Internal package.</strong> Not part of the supported API; excluded from the published
 * Javadoc; may change in any release without notice.
 */
@NullMarked
package faust.store.internal;

import org.jspecify.annotations.NullMarked;
