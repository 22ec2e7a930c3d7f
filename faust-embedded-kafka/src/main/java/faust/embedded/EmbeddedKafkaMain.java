package faust.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * Runs an embedded Kafka cluster from the command line, for the demo and for tools in other
 * languages:
 *
 * <pre>
 * java -cp ... faust.embedded.EmbeddedKafkaMain [--nodes 1|3] [--child-jvm] [--data-dir DIR]
 *      [--port-file FILE] [--broker-property KEY=VALUE]... [--ignore-stdin]
 * </pre>
 *
 * <p>Once every node is ready it prints {@code bootstrap.servers=127.0.0.1:p1,...} as the first line
 * of stdout (and writes the same line to the port file, atomically, if given). It then runs until it
 * is killed (SIGTERM/SIGINT shut the cluster down) or until stdin reaches end of file, so a parent
 * process that dies takes the cluster with it. {@code --ignore-stdin} runs until killed even when
 * stdin is closed (for example under {@code nohup ... < /dev/null}).
 */
public final class EmbeddedKafkaMain {
    private EmbeddedKafkaMain() {}

    /**
     * Starts the cluster and blocks; exits with 2 on bad arguments and 1 if the cluster fails to start.
     *
     * @param args the options above
     */
    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        try {
            run(options, System.in, System.out);
        } catch (EmbeddedKafkaException | IOException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the cluster, announces it, and blocks until {@code stdin} ends (unless ignored) or the
     * JVM shuts down; then closes the cluster.
     *
     * @param options the parsed options
     * @param stdin the stream whose end stops the cluster
     * @param stdout where the {@code bootstrap.servers=} line goes
     * @throws IOException if the port file cannot be written
     * @throws InterruptedException if interrupted while running
     */
    static void run(Options options, InputStream stdin, PrintStream stdout) throws IOException, InterruptedException {
        EmbeddedKafka.Builder builder = EmbeddedKafka.newBuilder().nodes(options.nodes()).childJvm(options.childJvm());
        if (options.dataDir() != null) {
            builder.dataDir(options.dataDir());
        }
        for (String property : options.brokerProperties()) {
            int eq = property.indexOf('=');
            builder.brokerProperty(property.substring(0, eq), property.substring(eq + 1));
        }
        EmbeddedKafka kafka = builder.start();
        CountDownLatch done = new CountDownLatch(1);
        Thread closer = new Thread(() -> {
            kafka.close();
            done.countDown();
        }, "faust-embedded-kafka-main-shutdown");
        Runtime.getRuntime().addShutdownHook(closer);
        try {
            String line = "bootstrap.servers=" + kafka.bootstrapServers();
            if (options.portFile() != null) {
                Path target = options.portFile().toAbsolutePath();
                Path partial = target.resolveSibling(target.getFileName() + ".tmp");
                Files.writeString(partial, line + "\n", StandardCharsets.UTF_8);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            stdout.println(line);
            stdout.flush();
            if (options.ignoreStdin()) {
                done.await();
                return;
            }
            while (stdin.read() != -1) {
                // input is ignored; only its end matters
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(closer);
                kafka.close();
            } catch (IllegalStateException shuttingDown) {
                done.await(); // the hook is closing the cluster
            }
        }
    }

    /**
     * The command-line options.
     *
     * @param nodes 1 or 3
     * @param childJvm whether nodes run in child JVMs
     * @param dataDir the data directory, or null for a temporary one
     * @param portFile where to write the {@code bootstrap.servers=} line, or null
     * @param brokerProperties {@code KEY=VALUE} broker settings
     * @param ignoreStdin whether to run until killed even when stdin ends
     */
    record Options(int nodes, boolean childJvm, @Nullable Path dataDir, @Nullable Path portFile, List<String> brokerProperties,
            boolean ignoreStdin) {
        static final String USAGE = "usage: EmbeddedKafkaMain [--nodes 1|3] [--child-jvm] [--data-dir DIR]"
                + " [--port-file FILE] [--broker-property KEY=VALUE]... [--ignore-stdin]";

        static Options parse(String... args) {
            int nodes = 1;
            boolean childJvm = false;
            boolean ignoreStdin = false;
            Path dataDir = null; // null: a temporary data dir
            Path portFile = null;
            List<String> properties = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--nodes" -> {
                        String value = value(args, ++i, "--nodes");
                        try {
                            nodes = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--nodes was '" + value + "'; give 1 or 3");
                        }
                        if (nodes != 1 && nodes != 3) {
                            throw new IllegalArgumentException("--nodes was " + nodes + "; give 1 or 3");
                        }
                    }
                    case "--child-jvm" -> childJvm = true;
                    case "--ignore-stdin" -> ignoreStdin = true;
                    case "--data-dir" -> dataDir = Path.of(value(args, ++i, "--data-dir"));
                    case "--port-file" -> portFile = Path.of(value(args, ++i, "--port-file"));
                    case "--broker-property" -> {
                        String value = value(args, ++i, "--broker-property");
                        if (value.indexOf('=') < 1) {
                            throw new IllegalArgumentException("--broker-property was '" + value
                                    + "'; give KEY=VALUE, e.g. log.retention.ms=60000");
                        }
                        properties.add(value);
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            return new Options(nodes, childJvm, dataDir, portFile, List.copyOf(properties), ignoreStdin);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
