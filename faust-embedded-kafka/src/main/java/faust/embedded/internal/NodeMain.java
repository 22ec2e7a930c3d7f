package faust.embedded.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * The main class of a child-JVM node: {@code NodeMain <server.properties> <ready-file>}.
 *
 * <p>Starts a {@link KafkaRaftServer} from the properties (whose log directory the parent has
 * formatted), writes the ready file once the node is started, and runs until SIGTERM or until its
 * stdin reaches end of file (the parent closed it, or died). Both shut the server down cleanly; if
 * that takes longer than {@value #HALT_AFTER_MS} ms the JVM halts. A failed start exits with code 1
 * after printing the stack trace to stderr, which the parent has redirected to {@code node.log}.
 */
public final class NodeMain {
    static final long HALT_AFTER_MS = 20_000;

    private NodeMain() {}

    /**
     * Runs one node.
     *
     * @param args the server properties file and the ready file
     * @throws IOException if the properties cannot be read or the ready file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: NodeMain <server.properties> <ready-file>");
            System.exit(2);
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            properties.load(in);
        }
        Path ready = Path.of(args[1]);

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            haltLater();
            server.shutdown();
            server.awaitShutdown();
        }, "faust-embedded-kafka-shutdown"));
        Thread stdinWatcher = new Thread(NodeMain::exitAtEndOfStdin, "faust-embedded-kafka-stdin");
        stdinWatcher.setDaemon(true);
        stdinWatcher.start();

        try {
            server.startup();
        } catch (Throwable t) {
            System.err.println("node failed to start: " + t);
            t.printStackTrace();
            System.exit(1);
        }
        Path partial = ready.resolveSibling(ready.getFileName() + ".tmp");
        Files.writeString(partial, "started\n", StandardCharsets.UTF_8);
        Files.move(partial, ready, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        server.awaitShutdown();
    }

    private static void exitAtEndOfStdin() {
        try {
            while (System.in.read() != -1) {
                // the parent never writes; anything read is ignored
            }
        } catch (IOException ignored) {
            // a broken pipe means the parent is gone, same as end of file
        }
        System.exit(0);
    }

    private static void haltLater() {
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(HALT_AFTER_MS);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("clean shutdown took over " + HALT_AFTER_MS + " ms; halting");
            Runtime.getRuntime().halt(3);
        }, "faust-embedded-kafka-halt");
        halt.setDaemon(true);
        halt.start();
    }
}
