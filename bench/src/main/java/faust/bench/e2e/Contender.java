package faust.bench.e2e;

import faust.bench.e2e.Options.SystemKind;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One row of the result table: a system, and for faust-java a variant of its settings
 * ({@code --faust-variant}), measured beside the plain run so a setting's effect shows under the
 * same machine load.
 *
 * @param kind the system
 * @param label the row label
 * @param faustSettings extra faust-java settings of this variant; empty for the plain run
 */
record Contender(SystemKind kind, String label, Map<String, String> faustSettings) {
    /** Copies the settings. */
    Contender {
        faustSettings = Map.copyOf(faustSettings);
    }

    /**
     * @param kind a system
     * @return the plain run of it
     */
    static Contender plain(SystemKind kind) {
        return new Contender(kind, kind.label, Map.of());
    }

    /**
     * @param settings faust-java settings of the variant
     * @return a faust-java variant labelled with its settings
     */
    static Contender faustVariant(Map<String, String> settings) {
        String label = settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",", SystemKind.FAUST.label + " [", "]"));
        return new Contender(SystemKind.FAUST, label, settings);
    }

    /** @return whether this is a system at its benchmark settings (not a variant); only these enter the ratios */
    boolean isPlain() {
        return faustSettings.isEmpty();
    }
}
