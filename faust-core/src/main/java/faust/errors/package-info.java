/** The exception hierarchy: everything extends {@link faust.errors.FaustException}. */
@NullMarked
package faust.errors;

import org.jspecify.annotations.NullMarked;
