package faust.kafka.internal;

import faust.errors.ImproperlyConfiguredException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns Faust's broker URLs into Kafka's {@code bootstrap.servers}: {@code kafka://h1:9092;h2:9092}
 * (several hosts in one URL) and several URLs alike; a host without a port gets 9092.
 */
final class BrokerUrls {
    static final int DEFAULT_PORT = 9092;

    private BrokerUrls() {}

    /**
     * @param urls the {@code broker} setting
     * @return {@code host:port,host:port}
     * @throws ImproperlyConfiguredException naming the setting and the bad part
     */
    static String bootstrapServers(List<URI> urls) {
        Set<String> hosts = new LinkedHashSet<>();
        for (URI u : urls) {
            String authority = u.getRawAuthority();
            if (authority == null || authority.isBlank()) {
                hosts.add("localhost:" + DEFAULT_PORT);
                continue;
            }
            for (String part : authority.split("[;,]")) {
                String p = part.trim();
                if (!p.isEmpty()) {
                    hosts.add(hostPort(p, u));
                }
            }
        }
        if (hosts.isEmpty()) {
            throw new ImproperlyConfiguredException("broker " + urls + " names no host; use e.g. kafka://localhost:9092");
        }
        return String.join(",", new ArrayList<>(hosts));
    }

    private static String hostPort(String part, URI url) {
        String p = part.contains("@") ? part.substring(part.lastIndexOf('@') + 1) : part;
        int colon = p.lastIndexOf(':');
        boolean ipv6 = p.startsWith("[");
        if (colon < 0 || (ipv6 && colon < p.indexOf(']'))) {
            return p + ":" + DEFAULT_PORT;
        }
        String host = p.substring(0, colon);
        String port = p.substring(colon + 1);
        int n;
        try {
            n = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (host.isEmpty() || n < 1 || n > 65535) {
            throw new ImproperlyConfiguredException("broker " + url + " has a bad host:port '" + part
                    + "'; expected host:port with a port from 1 to 65535, e.g. kafka://h1:9092;h2:9092");
        }
        return host + ":" + n;
    }
}
