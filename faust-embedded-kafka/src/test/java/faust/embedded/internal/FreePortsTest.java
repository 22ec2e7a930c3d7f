package faust.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

class FreePortsTest {
    @Test
    void picked_ports_are_distinct_and_bindable() throws IOException {
        var ports = FreePorts.pick(9);

        assertThat(ports).hasSize(9).doesNotHaveDuplicates().allSatisfy(p -> assertThat(p).isBetween(1, 65535));
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports.get(0)));
        }
    }

    @Test
    void bind_failures_are_recognised_in_causes_and_logs() {
        var wrapped = new KafkaException("Socket server failed to bind", new BindException("Address already in use"));

        assertThat(FreePorts.isBindFailure(wrapped, "")).isTrue();
        assertThat(FreePorts.isBindFailure(new IOException("exited with code 1"),
                "... java.net.BindException: Address already in use ...")).isTrue();
        assertThat(FreePorts.isBindFailure(new IOException("disk full"), "")).isFalse();
    }
}
