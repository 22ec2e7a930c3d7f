package faust.auth;

import java.util.Locale;

/** A SASL mechanism (Faust's {@code SASLMechanism}), named as Kafka's {@code sasl.mechanism} values. */
public enum SASLMechanism {
    /** User name and password sent as they are; use it over TLS only. */
    PLAIN("PLAIN"),
    /** Kerberos; used by {@link GSSAPICredentials}. */
    GSSAPI("GSSAPI"),
    /** Salted challenge-response with SHA-256. */
    SCRAM_SHA_256("SCRAM-SHA-256"),
    /** Salted challenge-response with SHA-512. */
    SCRAM_SHA_512("SCRAM-SHA-512");

    private final String kafkaName;

    SASLMechanism(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    /** @return the name Kafka and Faust use, e.g. {@code SCRAM-SHA-256} */
    public String kafkaName() {
        return kafkaName;
    }

    /**
     * Parses a mechanism name, ignoring case; {@code SCRAM-SHA-256} and {@code SCRAM_SHA_256} both work.
     *
     * @param name the name
     * @return the mechanism
     * @throws IllegalArgumentException naming the value and the known names
     */
    public static SASLMechanism fromName(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (SASLMechanism m : values()) {
            if (m.name().equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown SASL mechanism '" + name
                + "'; known: PLAIN, GSSAPI, SCRAM-SHA-256, SCRAM-SHA-512");
    }
}
