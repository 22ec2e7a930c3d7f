/** Implementation of the {@code json} codec and record (model) mapping. Not part of the API. */
@NullMarked
package faust.codec.internal;

import org.jspecify.annotations.NullMarked;
