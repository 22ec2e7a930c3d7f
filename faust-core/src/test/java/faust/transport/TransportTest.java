package faust.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.errors.ImproperlyConfiguredException;
import faust.transport.internal.MemoryBroker;
import faust.transport.internal.MemoryTransport;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TransportTest {
    private static Transport transport() {
        Transport t = new MemoryTransport(MemoryBroker.named("transport-test-" + UUID.randomUUID()), 1);
        t.declareTopic(new TopicDeclaration("a", 4, 1, null, false, false, Map.of()));
        t.declareTopic(new TopicDeclaration("b", 4, 1, null, false, false, Map.of()));
        t.declareTopic(new TopicDeclaration("c", 8, 1, null, false, false, Map.of()));
        return t;
    }

    @Test
    void topics_with_equal_partition_counts_pass_the_copartitioning_check() {
        assertThatCode(() -> transport().checkCopartitioned("agent 'x'", List.of("a", "b", "not-created-yet")))
                .doesNotThrowAnyException();
    }

    @Test
    void differing_partition_counts_fail_naming_reader_topics_and_counts() {
        assertThatThrownBy(() -> transport().checkCopartitioned("agent 'x'", List.of("a", "b", "c")))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("agent 'x'").hasMessageContaining("'a' has 4").hasMessageContaining("'c' has 8");
    }

    @Test
    void the_memory_transport_shares_no_group_urls() {
        assertThat(transport().createConsumer("g", "c", m -> { }, () -> 0).groupAssignment()).isEmpty();
    }
}
