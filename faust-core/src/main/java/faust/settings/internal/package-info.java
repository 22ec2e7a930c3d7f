/** The settings declaration table, value parsers, source resolution and the generated reference; not an API. */
@NullMarked
package faust.settings.internal;

import org.jspecify.annotations.NullMarked;
