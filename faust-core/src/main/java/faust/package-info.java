/**
 * The entry points most users import: {@link faust.App}, {@link faust.AppConfig}, and for tests
 * {@link faust.AppTestDriver}. Settings are read from {@link faust.settings.Settings}.
 */
@NullMarked
package faust;

import org.jspecify.annotations.NullMarked;
