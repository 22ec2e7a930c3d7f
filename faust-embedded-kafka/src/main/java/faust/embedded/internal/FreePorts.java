package faust.embedded.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks free TCP ports on {@code 127.0.0.1}: binds port 0 as often as asked, all at once so that
 * the ports differ, then releases them. Another process may take a port between the release and
 * the broker's bind; callers retry with fresh ports when that race is lost (see
 * {@link #isBindFailure(Throwable, String)}).
 */
public final class FreePorts {
    private FreePorts() {}

    /**
     * Picks distinct free ports.
     *
     * @param count how many
     * @return {@code count} distinct ports that were free a moment ago
     */
    public static List<Integer> pick(int count) {
        List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            List<Integer> ports = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                sockets.add(socket);
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                ports.add(socket.getLocalPort());
            }
            return List.copyOf(ports);
        } catch (IOException e) {
            throw new UncheckedIOException("could not bind a free port on 127.0.0.1: " + e.getMessage(), e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // a socket that fails to close leaves its port taken; the broker's bind then fails and is retried
                }
            }
        }
    }

    /**
     * Whether a start failure was a lost port race: a {@link java.net.BindException} in the cause
     * chain, or "Address already in use" in it or in a child JVM's log.
     *
     * @param failure the failure
     * @param logTail the end of the node's log, or an empty string
     * @return true if retrying with fresh ports may help
     */
    public static boolean isBindFailure(Throwable failure, String logTail) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException
                    || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return logTail.contains("Address already in use");
    }
}
