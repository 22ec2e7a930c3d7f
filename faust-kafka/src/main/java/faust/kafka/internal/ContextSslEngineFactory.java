package faust.kafka.internal;

import java.security.KeyStore;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.apache.kafka.common.security.auth.SslEngineFactory;
import org.jspecify.annotations.Nullable;

/**
 * Lets Kafka's client use an {@link SSLContext} given in code (the {@code ssl_context} setting, or
 * an {@code SSLContext} as {@code broker_credentials}, as Faust allows): Kafka builds engines only
 * from configs, so the context travels in a config entry of its own.
 */
public final class ContextSslEngineFactory implements SslEngineFactory {
    static final String CONTEXT_CONFIG = "faust.ssl.context";
    private @Nullable SSLContext context;

    /** Created by Kafka's client from {@code ssl.engine.factory.class}. */
    public ContextSslEngineFactory() {}

    @Override
    public void configure(Map<String, ?> configs) {
        Object c = configs.get(CONTEXT_CONFIG);
        if (!(c instanceof SSLContext ctx)) {
            throw new IllegalStateException(CONTEXT_CONFIG + " must hold an SSLContext, got " + c);
        }
        context = ctx;
    }

    @Override
    public SSLEngine createClientSslEngine(String peerHost, int peerPort, String endpointIdentification) {
        SSLContext ctx = context;
        if (ctx == null) {
            throw new IllegalStateException("not configured");
        }
        SSLEngine engine = ctx.createSSLEngine(peerHost, peerPort);
        engine.setUseClientMode(true);
        if (endpointIdentification != null && !endpointIdentification.isEmpty()) {
            SSLParameters p = engine.getSSLParameters();
            p.setEndpointIdentificationAlgorithm(endpointIdentification);
            engine.setSSLParameters(p);
        }
        return engine;
    }

    @Override
    public SSLEngine createServerSslEngine(String peerHost, int peerPort) {
        throw new UnsupportedOperationException("faust-java's SSLContext engine factory is for clients only");
    }

    @Override
    public boolean shouldBeRebuilt(Map<String, Object> nextConfigs) {
        return nextConfigs.get(CONTEXT_CONFIG) != context;
    }

    @Override
    public Set<String> reconfigurableConfigs() {
        return Set.of();
    }

    @Override
    public @Nullable KeyStore keystore() {
        return null;
    }

    @Override
    public @Nullable KeyStore truststore() {
        return null;
    }

    @Override
    public void close() {
        // the context belongs to the app
    }
}
