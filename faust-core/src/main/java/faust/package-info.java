/** The entry points most users import: {@code App}, {@link faust.AppConfig} and {@link faust.Settings}. */
@NullMarked
package faust;

import org.jspecify.annotations.NullMarked;
