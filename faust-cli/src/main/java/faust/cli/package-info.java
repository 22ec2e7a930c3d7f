/** The umbrella command line run by {@code app.main(args)}. */
@NullMarked
package faust.cli;

import org.jspecify.annotations.NullMarked;
