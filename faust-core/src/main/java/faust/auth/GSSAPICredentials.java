package faust.auth;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Kerberos credentials over SASL (Faust's {@code GSSAPICredentials}). The worker uses the
 * Kerberos ticket cache of the user it runs as ({@code kinit} first). Immutable.
 *
 * @param kerberosServiceName the broker's Kerberos service name, usually {@code kafka}
 * @param kerberosDomainName the host name part of the broker's service principal, or null for the
 *     broker's own host name
 * @param ssl TLS settings, or null for a connection without TLS ({@code SASL_PLAINTEXT})
 */
public record GSSAPICredentials(String kerberosServiceName, @Nullable String kerberosDomainName, @Nullable SSLCredentials ssl)
        implements Credentials {
    /** Validates the parts. */
    public GSSAPICredentials {
        Objects.requireNonNull(kerberosServiceName, "kerberosServiceName");
        if (kerberosServiceName.isBlank()) {
            throw new IllegalArgumentException("kerberosServiceName must not be blank; Kafka's is usually 'kafka'");
        }
    }

    /** @return credentials for the service name {@code kafka}, without TLS (Faust's defaults) */
    public static GSSAPICredentials of() {
        return new GSSAPICredentials("kafka", null, null);
    }

    /**
     * @param ssl TLS settings for the connection
     * @return a copy that authenticates over TLS ({@code SASL_SSL})
     */
    public GSSAPICredentials withSsl(SSLCredentials ssl) {
        return new GSSAPICredentials(kerberosServiceName, kerberosDomainName, Objects.requireNonNull(ssl, "ssl"));
    }

    /** @return always {@link SASLMechanism#GSSAPI} (Faust's {@code mechanism} attribute) */
    public SASLMechanism mechanism() {
        return SASLMechanism.GSSAPI;
    }

    /** @return {@code SASL_SSL} with TLS settings, otherwise {@code SASL_PLAINTEXT} */
    @Override
    public AuthProtocol protocol() {
        return ssl == null ? AuthProtocol.SASL_PLAINTEXT : AuthProtocol.SASL_SSL;
    }
}
