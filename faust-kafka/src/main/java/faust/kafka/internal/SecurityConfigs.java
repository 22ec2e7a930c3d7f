package faust.kafka.internal;

import faust.auth.GSSAPICredentials;
import faust.auth.SASLCredentials;
import faust.auth.SASLMechanism;
import faust.auth.SSLCredentials;
import faust.errors.ImproperlyConfiguredException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Maps the {@code broker_credentials} (and {@code ssl_context}) settings to Kafka's
 * {@code security.protocol}, {@code sasl.*} and {@code ssl.*} client configs.
 */
final class SecurityConfigs {
    private SecurityConfigs() {}

    /**
     * @param credentials the {@code broker_credentials} value, or null
     * @param sslContext the {@code ssl_context} value, or null
     * @return client configs; empty for a plain connection
     * @throws ImproperlyConfiguredException for an unsupported type or an unreadable file, naming the setting
     */
    static Map<String, Object> of(@Nullable Object credentials, @Nullable SSLContext sslContext) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (credentials) {
            case null -> {
                if (sslContext != null) {
                    m.put("security.protocol", "SSL");
                    context(m, sslContext);
                }
            }
            case SASLCredentials s -> {
                m.put("sasl.mechanism", s.mechanism().kafkaName());
                String module = s.mechanism() == SASLMechanism.PLAIN
                        ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                        : "org.apache.kafka.common.security.scram.ScramLoginModule";
                m.put("sasl.jaas.config", module + " required username=\"" + jaasQuote(s.username())
                        + "\" password=\"" + jaasQuote(s.password()) + "\";");
                tls(m, s.ssl(), sslContext, "SASL_SSL", "SASL_PLAINTEXT");
            }
            case GSSAPICredentials g -> {
                if (g.kerberosDomainName() != null) {
                    throw new ImproperlyConfiguredException("broker_credentials " + g + " sets kerberosDomainName '"
                            + g.kerberosDomainName() + "', which Kafka's Java client cannot use: it takes the host of the "
                            + "service principal from the broker address. Leave kerberosDomainName null and list the brokers "
                            + "by the host names in their principals.");
                }
                m.put("sasl.mechanism", "GSSAPI");
                m.put("sasl.kerberos.service.name", g.kerberosServiceName());
                m.put("sasl.jaas.config", "com.sun.security.auth.module.Krb5LoginModule required useTicketCache=true;");
                tls(m, g.ssl(), sslContext, "SASL_SSL", "SASL_PLAINTEXT");
            }
            case SSLCredentials ssl -> {
                m.put("security.protocol", "SSL");
                ssl(m, ssl);
            }
            case SSLContext ctx -> {
                m.put("security.protocol", "SSL");
                context(m, ctx);
            }
            default -> throw new ImproperlyConfiguredException("broker_credentials has an unsupported type "
                    + credentials.getClass().getName() + "; use faust.auth.SASLCredentials, faust.auth.GSSAPICredentials, "
                    + "faust.auth.SSLCredentials or a javax.net.ssl.SSLContext");
        }
        return m;
    }

    private static void tls(Map<String, Object> m, @Nullable SSLCredentials ssl, @Nullable SSLContext ctx, String withTls,
                            String withoutTls) {
        if (ssl != null) {
            m.put("security.protocol", withTls);
            ssl(m, ssl);
        } else if (ctx != null) {
            m.put("security.protocol", withTls);
            context(m, ctx);
        } else {
            m.put("security.protocol", withoutTls);
        }
    }

    private static void context(Map<String, Object> m, SSLContext ctx) {
        m.put("ssl.engine.factory.class", ContextSslEngineFactory.class);
        m.put(ContextSslEngineFactory.CONTEXT_CONFIG, ctx);
    }

    private static void ssl(Map<String, Object> m, SSLCredentials ssl) {
        if (ssl.caFile() != null) {
            m.put("ssl.truststore.type", "PEM");
            m.put("ssl.truststore.location", readable(ssl.caFile(), "caFile").toString());
        } else if (ssl.trustStore() != null) {
            m.put("ssl.truststore.location", readable(ssl.trustStore(), "trustStore").toString());
            if (ssl.trustStorePassword() != null) {
                m.put("ssl.truststore.password", ssl.trustStorePassword());
            }
        }
        if (ssl.certFile() != null && ssl.keyFile() != null) {
            m.put("ssl.keystore.type", "PEM");
            m.put("ssl.keystore.certificate.chain", read(ssl.certFile(), "certFile"));
            m.put("ssl.keystore.key", read(ssl.keyFile(), "keyFile"));
        } else if (ssl.keyStore() != null) {
            m.put("ssl.keystore.location", readable(ssl.keyStore(), "keyStore").toString());
            if (ssl.keyStorePassword() != null) {
                m.put("ssl.keystore.password", ssl.keyStorePassword());
            }
        }
        if (ssl.keyPassword() != null) {
            m.put("ssl.key.password", ssl.keyPassword());
        }
        m.put("ssl.endpoint.identification.algorithm", ssl.endpointIdentification() ? "https" : "");
    }

    private static Path readable(Path file, String what) {
        if (!Files.isReadable(file)) {
            throw new ImproperlyConfiguredException("broker_credentials: SSLCredentials " + what + " " + file.toAbsolutePath()
                    + " does not exist or cannot be read; give the path of an existing file");
        }
        return file;
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(readable(file, what), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ImproperlyConfiguredException("broker_credentials: cannot read SSLCredentials " + what + " "
                    + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Escapes a value for a double-quoted JAAS option. */
    static String jaasQuote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
