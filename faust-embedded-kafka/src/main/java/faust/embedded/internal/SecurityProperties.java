package faust.embedded.internal;

import faust.embedded.security.Security;
import faust.embedded.security.TlsFiles;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Turns a {@link Security} mode into broker settings for the client listener and client settings. */
public final class SecurityProperties {
    /** The name of the listener clients use; the inter-broker and controller listeners are PLAINTEXT. */
    public static final String CLIENT_LISTENER = "CLIENT";

    private static final String PREFIX = "listener.name.client.";
    private static final String PLAIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";
    private static final String SCRAM_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";

    private SecurityProperties() {}

    /**
     * Broker settings that secure the client listener.
     *
     * @param security the mode
     * @param tls the generated files; required in TLS mode
     * @return settings to add to each node's server properties
     */
    public static Map<String, String> broker(Security security, @Nullable TlsFiles tls) {
        Map<String, String> props = new LinkedHashMap<>();
        switch (security) {
            case Security.Plaintext p -> { }
            case Security.SaslPlain plain -> {
                props.put(PREFIX + "sasl.enabled.mechanisms", "PLAIN");
                props.put(PREFIX + "plain.sasl.jaas.config", PLAIN_MODULE + " required user_"
                        + plain.user() + "=\"" + plain.password() + "\";");
            }
            case Security.SaslScram scram -> {
                String mechanism = scram.mechanism().toLowerCase(java.util.Locale.ROOT);
                props.put(PREFIX + "sasl.enabled.mechanisms", scram.mechanism());
                props.put(PREFIX + mechanism + ".sasl.jaas.config", SCRAM_MODULE + " required;");
            }
            case Security.Tls t -> {
                TlsFiles files = requireTls(tls);
                props.put(PREFIX + "ssl.keystore.type", "PKCS12");
                props.put(PREFIX + "ssl.keystore.location", files.serverKeyStore().toString());
                props.put(PREFIX + "ssl.keystore.password", files.password());
                props.put(PREFIX + "ssl.key.password", files.password());
                props.put(PREFIX + "ssl.truststore.type", "PKCS12");
                props.put(PREFIX + "ssl.truststore.location", files.caTrustStore().toString());
                props.put(PREFIX + "ssl.truststore.password", files.password());
                props.put(PREFIX + "ssl.client.auth", "required");
            }
        }
        return props;
    }

    /**
     * Client settings for the mode, without {@code bootstrap.servers}.
     *
     * @param security the mode
     * @param tls the generated files; required in TLS mode
     * @return {@code security.protocol} and, per mode, SASL or SSL settings
     */
    public static Map<String, Object> client(Security security, @Nullable TlsFiles tls) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("security.protocol", security.securityProtocol());
        switch (security) {
            case Security.Plaintext p -> { }
            case Security.SaslPlain plain -> {
                props.put("sasl.mechanism", "PLAIN");
                props.put("sasl.jaas.config", jaas(PLAIN_MODULE, plain.user(), plain.password()));
            }
            case Security.SaslScram scram -> {
                props.put("sasl.mechanism", scram.mechanism());
                props.put("sasl.jaas.config", jaas(SCRAM_MODULE, scram.user(), scram.password()));
            }
            case Security.Tls t -> {
                TlsFiles files = requireTls(tls);
                props.put("ssl.truststore.type", "PKCS12");
                props.put("ssl.truststore.location", files.caTrustStore().toString());
                props.put("ssl.truststore.password", files.password());
                props.put("ssl.keystore.type", "PKCS12");
                props.put("ssl.keystore.location", files.clientKeyStore().toString());
                props.put("ssl.keystore.password", files.password());
                props.put("ssl.key.password", files.password());
            }
        }
        return props;
    }

    /**
     * A {@code sasl.jaas.config} value for a client.
     *
     * @param loginModule the login module class name
     * @param user the user
     * @param password the password
     * @return the JAAS line
     */
    public static String jaas(String loginModule, String user, String password) {
        return loginModule + " required username=\"" + user + "\" password=\"" + password + "\";";
    }

    private static TlsFiles requireTls(@Nullable TlsFiles tls) {
        if (tls == null) {
            throw new IllegalStateException("TLS mode needs its generated files; generate them before configuring");
        }
        return tls;
    }
}
