package faust.bench.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.agent.ReplyForm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RpcOptionsTest {
    @Test
    void defaults_are_ten_thousand_asks_at_1_8_and_64_askers_in_both_forms_with_two_warm_up_passes_and_the_raw_floor() {
        RpcOptions o = RpcOptions.parse(new String[0]);
        assertThat(o).isNotNull();
        assertThat(o.asks()).isEqualTo(10_000);
        assertThat(o.askers()).containsExactly(1, 8, 64);
        assertThat(o.forms()).containsExactly(ReplyForm.HEADERS, ReplyForm.ENVELOPE);
        assertThat(o.warmupPasses()).isEqualTo(2);
        assertThat(o.raw()).isTrue();
    }

    @Test
    void options_are_read_and_a_wrong_one_is_named() {
        RpcOptions o = RpcOptions.parse(new String[] {"--asks", "500", "--askers", "2, 4", "--forms", "envelope",
            "--faust", "producer_linger_ms=5", "--warmup-passes", "0", "--no-raw"});
        assertThat(o).isNotNull();
        assertThat(o.asks()).isEqualTo(500);
        assertThat(o.askers()).isEqualTo(List.of(2, 4));
        assertThat(o.forms()).containsExactly(ReplyForm.ENVELOPE);
        assertThat(o.faustSettings()).isEqualTo(Map.of("producer_linger_ms", "5"));
        assertThat(o.warmupPasses()).isZero();
        assertThat(o.raw()).isFalse();
        assertThat(RpcOptions.parse(new String[] {"--help"})).isNull();
        assertThatThrownBy(() -> RpcOptions.parse(new String[] {"--forms", "smoke"})).hasMessageContaining("'smoke'");
        assertThatThrownBy(() -> RpcOptions.parse(new String[] {"--asks", "-3"})).hasMessageContaining("--asks");
        assertThatThrownBy(() -> RpcOptions.parse(new String[] {"--bogus", "1"})).hasMessageContaining("unknown option --bogus");
    }
}
