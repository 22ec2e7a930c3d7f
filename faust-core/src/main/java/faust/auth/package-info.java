/**
 * Broker credentials, Faust's {@code faust.auth}: set one of {@link faust.auth.SASLCredentials},
 * {@link faust.auth.GSSAPICredentials} or {@link faust.auth.SSLCredentials} as the
 * {@code broker_credentials} setting and the transport (for {@code kafka://}, faust-kafka) maps it
 * to the client's security settings.
 *
 * <pre>{@code
 * App app = App.create("orders", cfg -> cfg.broker("kafka://broker:9093")
 *         .set("broker_credentials", SASLCredentials.scramSha512("orders", secret)
 *                 .withSsl(SSLCredentials.caFile(Path.of("/etc/kafka/ca.pem")))));
 * }</pre>
 *
 * <p>All types here are immutable values; their {@code toString()} never shows a password.
 */
@NullMarked
package faust.auth;

import org.jspecify.annotations.NullMarked;
