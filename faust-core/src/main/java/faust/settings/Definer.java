package faust.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Declares the settings of one section, in order; each section class starts with one. */
final class Definer {
    private final Section section;
    private final List<Setting<?>> keys = new ArrayList<>();

    Definer(Section section) {
        this.section = section;
    }

    /** A setting with a default, given as text in the form a properties file would hold it. */
    <T> Setting<T> define(String key, ValueParser<T> parser, String dflt, @Nullable String env, String doc) {
        return add(Setting.required(key, section, parser, dflt, "`" + dflt + "`", env, doc));
    }

    /** A setting whose default is computed from other settings; {@code dfltDoc} says how. */
    <T> Setting<T> derived(String key, ValueParser<T> parser, String dfltDoc, @Nullable String env, String doc) {
        return add(Setting.required(key, section, parser, null, dfltDoc, env, doc));
    }

    /** A setting that may be unset ("none" in Faust), unset by default. */
    <T> Setting<Optional<T>> optional(String key, ValueParser<T> parser, @Nullable String env, String doc) {
        return add(Setting.optional(key, section, parser, env, doc));
    }

    private <T> Setting<T> add(Setting<T> s) {
        keys.add(s);
        return s;
    }

    /** @return the section's settings in declaration order */
    List<Setting<?>> keys() {
        return List.copyOf(keys);
    }
}
