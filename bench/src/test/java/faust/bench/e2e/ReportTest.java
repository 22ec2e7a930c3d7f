package faust.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import faust.bench.e2e.Options.Mode;
import faust.bench.e2e.Options.SystemKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static Result ok(SystemKind s, Mode m, double seconds) {
        return new Result(Contender.plain(s), m, 1000, seconds, seconds / 2, 1000, 1000, 0, 1.0, 0.5, 0.1, 0.5, null);
    }

    @Test
    void ratio_line_divides_faust_rates_by_streams_and_raw_with_two_decimals() {
        List<Result> results = List.of(
                ok(SystemKind.RAW, Mode.ALO, 1.0), ok(SystemKind.STREAMS, Mode.ALO, 2.0), ok(SystemKind.FAUST, Mode.ALO, 1.6),
                ok(SystemKind.STREAMS, Mode.EOS, 3.0), ok(SystemKind.FAUST, Mode.EOS, 2.0));
        assertThat(Report.ratioLine(results)).isEqualTo("ratio faust/kafka-streams alo=1.25 eos=1.50 faust/raw alo=0.63");
    }

    @Test
    void ratio_is_na_where_a_side_is_missing_or_failed() {
        Result failed = new Result(Contender.plain(SystemKind.FAUST), Mode.EOS, 1000, Double.NaN, Double.NaN, 10, 10, 0,
                1.0, 0.5, 0.1, 0.5, "timed out");
        List<Result> results = List.of(ok(SystemKind.FAUST, Mode.ALO, 1.0), ok(SystemKind.STREAMS, Mode.EOS, 1.0), failed);
        assertThat(Report.ratioLine(results)).isEqualTo("ratio faust/kafka-streams alo=n/a eos=n/a faust/raw alo=n/a");
    }

    @Test
    void faust_variants_do_not_enter_the_ratios() {
        Result variant = new Result(Contender.faustVariant(Map.of("topic_disable_leader", "true")), Mode.ALO, 1000, 0.1, 0.1,
                1000, 1000, 0, 1.0, 0.5, 0.1, 0.5, null);
        List<Result> results = List.of(ok(SystemKind.RAW, Mode.ALO, 1.0), ok(SystemKind.FAUST, Mode.ALO, 2.0), variant);
        assertThat(Report.ratioLine(results)).endsWith("faust/raw alo=0.50");
    }

    @Test
    void table_shows_the_median_run_and_the_ratio_line_comes_last() {
        List<Result> results = List.of(ok(SystemKind.FAUST, Mode.ALO, 1.0), ok(SystemKind.FAUST, Mode.ALO, 2.0),
                ok(SystemKind.FAUST, Mode.ALO, 4.0));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Report.print(new PrintStream(buf, true, StandardCharsets.UTF_8), results,
                Options.parse("--only", "faust", "--modes", "alo"));
        String[] lines = buf.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).anyMatch(l -> l.startsWith("| faust-java | alo | 3 | 500 |"));
        assertThat(lines[lines.length - 2]).startsWith("by CPU per message (median, less JIT): ");
        assertThat(lines[lines.length - 1]).startsWith("ratio faust/kafka-streams ");
    }

    @Test
    void paired_ratios_follow_a_machine_that_speeds_up_where_the_ratio_of_medians_does_not() {
        // faust-java needs 1.25x raw's time; each run finds the machine 20% faster than the run before,
        // and the rounds alternate which system runs first, as bench/e2e rotates them
        double[] speed = {1.0, 0.8, 0.64, 0.512, 0.4096, 0.32768, 0.262144, 0.2097152};
        List<Result> results = List.of(
                ok(SystemKind.RAW, Mode.ALO, speed[0]), ok(SystemKind.FAUST, Mode.ALO, 1.25 * speed[1]),
                ok(SystemKind.FAUST, Mode.ALO, 1.25 * speed[2]), ok(SystemKind.RAW, Mode.ALO, speed[3]),
                ok(SystemKind.RAW, Mode.ALO, speed[4]), ok(SystemKind.FAUST, Mode.ALO, 1.25 * speed[5]),
                ok(SystemKind.FAUST, Mode.ALO, 1.25 * speed[6]), ok(SystemKind.RAW, Mode.ALO, speed[7]));
        assertThat(Report.pairedLine(results)).isEqualTo(
                "paired per round (geometric mean): faust/kafka-streams alo=n/a eos=n/a faust/raw alo=0.80");
        assertThat(Report.ratioLine(results)).endsWith("faust/raw alo=0.64");
    }

    private static Result withCpu(SystemKind s, Mode m, double clientCpu, double brokerCpu, double jitCpu) {
        return new Result(Contender.plain(s), m, 1000, 1.0, 0.5, 1000, 1000, 0, clientCpu, brokerCpu, jitCpu, 0.5, null);
    }

    @Test
    void cpu_line_divides_the_other_systems_median_cost_per_message_by_faust_javas_less_the_jit() {
        Result failed = new Result(Contender.plain(SystemKind.FAUST), Mode.ALO, 1000, Double.NaN, Double.NaN, 10, 10, 0,
                0.1, 0.1, 0.0, 0.5, "timed out");
        List<Result> results = List.of(
                withCpu(SystemKind.RAW, Mode.ALO, 1.0, 0.5, 0.1),          // 1.4 s of work
                withCpu(SystemKind.RAW, Mode.ALO, 1.2, 0.5, 0.3),          // 1.4 s again: the JIT's share does not count
                withCpu(SystemKind.FAUST, Mode.ALO, 1.5, 0.6, 0.1),        // 2.0 s
                withCpu(SystemKind.FAUST, Mode.ALO, 1.9, 0.6, 0.0),        // 2.5 s
                withCpu(SystemKind.FAUST, Mode.ALO, 1.3, 0.5, 0.0),        // 1.8 s
                failed,                                                   // cheap because it did not finish: left out
                withCpu(SystemKind.STREAMS, Mode.EOS, 2.0, Double.NaN, Double.NaN), // in-process broker, no /proc
                withCpu(SystemKind.FAUST, Mode.EOS, 1.6, Double.NaN, Double.NaN));
        assertThat(Report.cpuLine(results)).isEqualTo(
                "by CPU per message (median, less JIT): faust/kafka-streams alo=n/a eos=1.25 faust/raw alo=0.70");
    }

    @Test
    void a_failed_run_leaves_its_round_out_of_the_paired_ratio() {
        Result failed = new Result(Contender.plain(SystemKind.FAUST), Mode.ALO, 1000, Double.NaN, Double.NaN, 10, 10, 0,
                1.0, 0.5, 0.1, 0.5, "timed out");
        List<Result> results = List.of(ok(SystemKind.RAW, Mode.ALO, 1.0), failed,
                ok(SystemKind.RAW, Mode.ALO, 1.0), ok(SystemKind.FAUST, Mode.ALO, 2.0));
        assertThat(Report.pairedLine(results)).endsWith("faust/raw alo=0.50");
    }
}
