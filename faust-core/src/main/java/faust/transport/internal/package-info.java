/**
 * Transport internals: acknowledgement tracking and the choice of which offset may be committed.
 *
 * <p><strong>Internal package.</strong> Its types are {@code public} only so that sibling modules
 * of faust-java (such as {@code faust-kafka}) can use them. It is not part of the supported API, is
 * excluded from the published Javadoc, and may change in any release without notice.
 *
 * @see faust.transport.internal.OffsetTracker
 * @see faust.transport.internal.AckTracker
 */
@NullMarked
package faust.transport.internal;

import org.jspecify.annotations.NullMarked;
