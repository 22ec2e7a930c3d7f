package faust.auth;

/**
 * How a worker authenticates to the broker (Faust's {@code CredentialsT}); the value of the
 * {@code broker_credentials} setting. Immutable and thread-safe.
 *
 * @see SASLCredentials
 * @see GSSAPICredentials
 * @see SSLCredentials
 */
public sealed interface Credentials permits SASLCredentials, GSSAPICredentials, SSLCredentials {
    /**
     * The security protocol these credentials need (Faust's {@code protocol} attribute).
     *
     * @return {@code SSL}, {@code SASL_PLAINTEXT} or {@code SASL_SSL}
     */
    AuthProtocol protocol();
}
