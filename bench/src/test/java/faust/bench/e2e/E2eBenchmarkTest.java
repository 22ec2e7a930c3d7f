package faust.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A smoke run of the benchmark: every system and mode on a tiny topic, checking outputs and the report. */
@Tag("integration")
class E2eBenchmarkTest {
    @Test
    void every_system_delivers_every_output_in_both_modes_and_the_ratio_line_comes_last() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Options options = Options.parse("--messages", "2000", "--partitions", "2", "--warmup", "0", "--rounds", "1", "--in-process",
                "--timeout-s", "60", "--verbose");
        List<Result> results = E2eBenchmark.run(options, new PrintStream(buf, true, StandardCharsets.UTF_8));

        assertThat(results).hasSize(6);
        for (Result r : results) {
            assertThat(r.ok()).as("%s %s: %s", r.system(), r.mode(), r.error()).isTrue();
            assertThat(r.distinct()).isEqualTo(2000);
            if (r.mode() == Options.Mode.EOS) {
                assertThat(r.duplicates()).as("%s eos duplicates", r.system()).isZero();
            }
        }
        String report = buf.toString(StandardCharsets.UTF_8);
        for (String system : List.of("raw kafka-clients", "kafka-streams", "faust-java")) {
            for (String mode : List.of("alo", "eos")) {
                // --verbose: what each run's clients report (JMX), the system's consumer and the verifier's
                assertThat(report).as("%s %s", system, mode)
                        .containsPattern(system + " " + mode + ": producer: \\S+: [\\d,]+ produce requests")
                        .containsPattern(system + " " + mode + ": consumers: \\S+: [\\d,]+ fetches .*; \\S+: [\\d,]+ fetches");
            }
        }
        String[] lines = report.strip().split("\n");
        // an in-process broker: its CPU is in the benchmark JVM's, and every system still gets a cost ratio
        assertThat(lines[lines.length - 2]).matches("by CPU per message \\(median, less JIT\\): faust/kafka-streams "
                + "alo=\\d+\\.\\d\\d eos=\\d+\\.\\d\\d faust/raw alo=\\d+\\.\\d\\d");
        assertThat(lines[lines.length - 1]).matches("ratio faust/kafka-streams alo=\\d+\\.\\d\\d eos=\\d+\\.\\d\\d "
                + "faust/raw alo=\\d+\\.\\d\\d");
    }
}
