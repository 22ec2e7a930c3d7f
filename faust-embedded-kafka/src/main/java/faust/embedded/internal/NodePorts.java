package faust.embedded.internal;

/**
 * The three loopback ports of one node: clients, inter-broker replication, and the KRaft
 * controller quorum. A node keeps its ports across stop and start.
 *
 * @param client the client listener (the one in {@code bootstrap.servers}), with the cluster's security
 * @param internal the PLAINTEXT inter-broker listener, also used by the readiness probe
 * @param controller the PLAINTEXT controller listener
 */
public record NodePorts(int client, int internal, int controller) {
    /** Checks the ports are in range. */
    public NodePorts {
        for (int port : new int[] {client, internal, controller}) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is outside 1..65535");
            }
        }
    }
}
