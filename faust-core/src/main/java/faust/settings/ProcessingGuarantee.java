package faust.settings;

import java.util.Locale;

/**
 * The processing guarantee of an app (Faust's {@code processing_guarantee} setting).
 *
 * <p>Exactly-once needs a read-committed consumer and an idempotent, transactional producer; by
 * default Kafka needs at least three brokers for transactions unless
 * {@code transaction.state.log.replication.factor} is lowered.
 */
public enum ProcessingGuarantee {
    /** Every event is processed at least once; after a crash some may be processed again (the default). */
    AT_LEAST_ONCE,
    /** Every event's effects (sends, table changes, offset commits) are committed atomically. */
    EXACTLY_ONCE;

    /**
     * The name Faust uses, for example {@code at_least_once}.
     *
     * @return the lowercase Faust name
     */
    public String faustName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses Faust's name ({@code at_least_once}, {@code exactly_once}), ignoring case; {@code -} may replace {@code _}.
     *
     * @param name the name to parse
     * @return the guarantee
     * @throws IllegalArgumentException if the name is neither
     */
    public static ProcessingGuarantee fromFaustName(String name) {
        String n = name.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (ProcessingGuarantee g : values()) {
            if (g.name().equals(n)) {
                return g;
            }
        }
        throw new IllegalArgumentException("processing guarantee must be at_least_once or exactly_once, got '" + name + "'");
    }
}
