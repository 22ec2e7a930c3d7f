/** Codecs ({@code raw}, {@code json}, {@code binary}, chains) and the registry that finds them by name. */
@NullMarked
package faust.codec;

import org.jspecify.annotations.NullMarked;
