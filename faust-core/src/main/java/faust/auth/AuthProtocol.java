package faust.auth;

/** The security protocol of a broker connection, named as Kafka's {@code security.protocol} values. */
public enum AuthProtocol {
    /** No encryption, no authentication. */
    PLAINTEXT,
    /** TLS, optionally with a client certificate. */
    SSL,
    /** SASL authentication over an unencrypted connection. */
    SASL_PLAINTEXT,
    /** SASL authentication over TLS. */
    SASL_SSL
}
