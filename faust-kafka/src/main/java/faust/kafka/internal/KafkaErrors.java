package faust.kafka.internal;

import faust.errors.FaustException;
import faust.errors.ImproperlyConfiguredException;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.jspecify.annotations.Nullable;

/** Turns Kafka's security errors into errors that name the Faust setting and the fix. */
final class KafkaErrors {
    private KafkaErrors() {}

    /**
     * @param message a Kafka exception's message, which often ends with a period
     * @return the message without trailing periods or spaces, to be followed by ". " in ours
     */
    static String sentence(@Nullable String message) {
        if (message == null) {
            return "(no message)";
        }
        int end = message.length();
        while (end > 0 && (message.charAt(end - 1) == '.' || Character.isWhitespace(message.charAt(end - 1)))) {
            end--;
        }
        return message.substring(0, end);
    }

    /**
     * @param t an error from a Kafka client (or its cause chain)
     * @param configs the transport's configs, for the broker list and credentials
     * @return a FaustException naming the setting when {@code t} is a security error, otherwise null
     */
    static @Nullable FaustException security(Throwable t, KafkaConfigs configs) {
        return security(t, configs, List.of());
    }

    /**
     * @param t an error from a Kafka client (or its cause chain)
     * @param configs the transport's configs, for the broker list and credentials
     * @param topics the topics the failed request was about, named when the broker denies access
     *     to topics without saying which (a create request does not)
     * @return a FaustException naming the setting when {@code t} is a security error, otherwise null
     */
    static @Nullable FaustException security(Throwable t, KafkaConfigs configs, Collection<String> topics) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String creds = configs.settings().credentials().map(Object::toString).orElse("none");
            if (c instanceof SslAuthenticationException) {
                return new ImproperlyConfiguredException("TLS handshake with the Kafka broker at " + configs.bootstrapServers()
                        + " failed (broker_credentials = " + creds + "): " + sentence(c.getMessage()) + ". Check the CA (caFile or "
                        + "trustStore), the client certificate and endpointIdentification in broker_credentials, and that "
                        + "the broker listens with TLS at that address.", c);
            }
            if (c instanceof AuthenticationException) {
                return new ImproperlyConfiguredException("authentication with the Kafka broker at " + configs.bootstrapServers()
                        + " failed (broker_credentials = " + creds + "): " + sentence(c.getMessage()) + ". Check the user name, "
                        + "password and SASL mechanism in broker_credentials, and that the broker has a listener for "
                        + "that protocol at that address.", c);
            }
            if (c instanceof TopicAuthorizationException || c instanceof GroupAuthorizationException) {
                Collection<String> denied = c instanceof TopicAuthorizationException ta && !ta.unauthorizedTopics().isEmpty()
                        ? new TreeSet<>(ta.unauthorizedTopics()) : topics;
                String to = c instanceof TopicAuthorizationException && !denied.isEmpty() ? " to topics " + denied : "";
                return new ImproperlyConfiguredException("the Kafka broker denied access" + to + " (broker_credentials = " + creds
                        + "): " + sentence(c.getMessage()) + ". Grant the principal access to those topics and to the consumer "
                        + "group (the app id), or connect as another user.", c);
            }
            if (c instanceof AuthorizationException) {
                return new ImproperlyConfiguredException("the Kafka broker denied an operation (broker_credentials = " + creds
                        + "): " + sentence(c.getMessage()) + ". Grant the principal the needed ACL.", c);
            }
        }
        return null;
    }
}
