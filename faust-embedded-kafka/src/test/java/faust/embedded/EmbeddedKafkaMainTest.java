package faust.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaMainTest {
    @TempDir
    Path dir;

    @Test
    void options_parse_every_flag() {
        var options = EmbeddedKafkaMain.Options.parse("--nodes", "3", "--child-jvm", "--data-dir", "d",
                "--port-file", "p", "--broker-property", "log.retention.ms=60000", "--ignore-stdin");

        assertThat(options.nodes()).isEqualTo(3);
        assertThat(options.childJvm()).isTrue();
        assertThat(options.dataDir()).isEqualTo(Path.of("d"));
        assertThat(options.portFile()).isEqualTo(Path.of("p"));
        assertThat(options.brokerProperties()).containsExactly("log.retention.ms=60000");
        assertThat(options.ignoreStdin()).isTrue();
        assertThat(EmbeddedKafkaMain.Options.parse().nodes()).isEqualTo(1);
    }

    @Test
    void bad_options_are_named() {
        assertThatThrownBy(() -> EmbeddedKafkaMain.Options.parse("--nodes", "2"))
                .hasMessageContaining("--nodes was 2");
        assertThatThrownBy(() -> EmbeddedKafkaMain.Options.parse("--port-file"))
                .hasMessageContaining("--port-file needs a value");
        assertThatThrownBy(() -> EmbeddedKafkaMain.Options.parse("--broker-property", "novalue"))
                .hasMessageContaining("KEY=VALUE");
        assertThatThrownBy(() -> EmbeddedKafkaMain.Options.parse("--verbose"))
                .hasMessageContaining("unknown option '--verbose'");
    }

    @Tag("integration")
    @Test
    void run_announces_a_working_broker_and_stops_when_stdin_ends() throws Exception {
        Path portFile = dir.resolve("kafka.port");
        var stdin = new PipedOutputStream();
        var in = new PipedInputStream(stdin);
        var out = new ByteArrayOutputStream();
        var options = EmbeddedKafkaMain.Options.parse("--port-file", portFile.toString(), "--data-dir",
                dir.resolve("data").toString());
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                EmbeddedKafkaMain.run(options, in, new PrintStream(out, true, StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        String line = awaitLine(portFile, running);
        assertThat(line).matches("bootstrap\\.servers=127\\.0\\.0\\.1:\\d+");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(line + System.lineSeparator());
        String bootstrap = line.substring("bootstrap.servers=".length());
        KafkaClients.send(Map.of("bootstrap.servers", bootstrap), "from-main", List.of("ping"));

        stdin.close();
        running.get(60, TimeUnit.SECONDS);
        assertThat(running).isCompleted();
    }

    @Tag("integration")
    @Test
    void child_jvm_node_dies_when_its_parent_is_killed() throws Exception {
        Path portFile = dir.resolve("kafka.port");
        Path stdout = dir.resolve("main.out");
        Process main = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), EmbeddedKafkaMain.class.getName(),
                "--child-jvm", "--data-dir", dir.resolve("data").toString(), "--port-file", portFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(stdout.toFile())
                .start();
        Optional<ProcessHandle> node = Optional.empty();
        try {
            String line = awaitLine(portFile, main.onExit().thenApply(p -> null));
            assertThat(Files.readAllLines(stdout)).contains(line);
            // the main's only child is the node's JVM (the command line is too long for ProcessHandle
            // to show its main class reliably)
            node = main.children()
                    .filter(p -> p.info().command().orElse("").endsWith("java"))
                    .findFirst();
            assertThat(node).as("the NodeMain child of the main process").isPresent();

            main.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs

            assertThat(node.get().onExit().get(60, TimeUnit.SECONDS).isAlive()).isFalse();
        } finally {
            main.descendants().forEach(ProcessHandle::destroyForcibly);
            main.destroyForcibly();
            node.ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static String awaitLine(Path portFile, CompletableFuture<?> failure) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(portFile)) {
            if (failure.isDone()) {
                failure.get();
                throw new AssertionError("the main ended before writing " + portFile);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(portFile + " was not written within 120 s");
            }
            Thread.sleep(50);
        }
        try {
            return Files.readString(portFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new AssertionError("could not read " + portFile, e);
        }
    }
}
