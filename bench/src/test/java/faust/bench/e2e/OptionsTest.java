package faust.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.bench.e2e.Options.Mode;
import faust.bench.e2e.Options.SystemKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test
    void defaults_are_a_million_messages_of_100_bytes_on_4_partitions_for_every_system_and_mode() {
        Options o = Options.parse();
        assertThat(o.messages()).isEqualTo(1_000_000);
        assertThat(o.valueSize()).isEqualTo(100);
        assertThat(o.partitions()).isEqualTo(4);
        assertThat(o.systems()).containsExactly(SystemKind.RAW, SystemKind.STREAMS, SystemKind.FAUST);
        assertThat(o.modes()).containsExactly(Mode.ALO, Mode.EOS);
        assertThat(o.warmup()).isEqualTo(1_000_000);
        assertThat(o.warmupRounds()).isEqualTo(8);
        assertThat(o.rounds()).isEqualTo(5);
        assertThat(o.childJvm()).isTrue();
        assertThat(o.commitMs(Mode.ALO)).isEqualTo(1000);
        assertThat(o.commitMs(Mode.EOS)).isEqualTo(100);
    }

    @Test
    void flags_choose_messages_partitions_systems_and_modes() {
        Options o = Options.parse("--messages", "100_000", "--partitions", "2", "--only", "faust,streams",
                "--modes", "eos", "--warmup", "0", "--in-process", "--faust", "broker_commit_every=500");
        assertThat(o.messages()).isEqualTo(100_000);
        assertThat(o.partitions()).isEqualTo(2);
        assertThat(o.systems()).containsExactly(SystemKind.FAUST, SystemKind.STREAMS);
        assertThat(o.modes()).containsExactly(Mode.EOS);
        assertThat(o.warmup()).isZero();
        assertThat(o.childJvm()).isFalse();
        assertThat(o.faustSettings()).isEqualTo(Map.of("broker_commit_every", "500"));
    }

    @Test
    void faust_variants_add_rows_after_faust_java_labelled_with_their_settings() {
        Options o = Options.parse("--only", "faust,raw", "--faust-variant", "topic_disable_leader=true",
                "--faust-variant", "broker_commit_every=1000000, stream_buffer_maxsize=65536");
        assertThat(o.contenders()).extracting(Contender::label).containsExactly("faust-java",
                "faust-java [topic_disable_leader=true]",
                "faust-java [broker_commit_every=1000000,stream_buffer_maxsize=65536]", "raw kafka-clients");
        assertThat(o.contenders().get(2).faustSettings())
                .isEqualTo(Map.of("broker_commit_every", "1000000", "stream_buffer_maxsize", "65536"));
        assertThat(o.contenders()).filteredOn(Contender::isPlain).extracting(Contender::kind)
                .containsExactly(SystemKind.FAUST, SystemKind.RAW);
    }

    @Test
    void warm_up_runs_default_to_the_measured_size_and_can_be_set_apart() {
        assertThat(Options.parse("--messages", "2000").warmup()).isEqualTo(2000);
        Options o = Options.parse("--messages", "2000", "--warmup", "500", "--warmup-rounds", "1");
        assertThat(o.warmup()).isEqualTo(500);
        assertThat(o.warmupRounds()).isEqualTo(1);
        assertThatThrownBy(() -> Options.parse("--warmup-rounds", "0")).hasMessageContaining("--warmup-rounds");
    }

    @Test
    void broker_jvm_options_are_split_on_spaces() {
        assertThat(Options.parse("--broker-jvm", "-Xmx2g  -XX:+UseG1GC").brokerJvmOptions())
                .isEqualTo(List.of("-Xmx2g", "-XX:+UseG1GC"));
    }

    @Test
    void bad_values_name_the_option_and_the_value() {
        assertThatThrownBy(() -> Options.parse("--only", "flink")).hasMessageContaining("--only").hasMessageContaining("flink");
        assertThatThrownBy(() -> Options.parse("--messages", "lots")).hasMessageContaining("--messages").hasMessageContaining("lots");
        assertThatThrownBy(() -> Options.parse("--partitions", "0")).hasMessageContaining("--partitions");
        assertThatThrownBy(() -> Options.parse("--size", "4")).hasMessageContaining("--size");
        assertThatThrownBy(() -> Options.parse("--faust", "oops")).hasMessageContaining("KEY=VALUE");
        assertThatThrownBy(() -> Options.parse("--messages")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Options.parse("--fast")).hasMessageContaining("unknown option '--fast'");
    }
}
