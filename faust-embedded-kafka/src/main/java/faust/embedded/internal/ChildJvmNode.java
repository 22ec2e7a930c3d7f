package faust.embedded.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A node running in a child JVM ({@link NodeMain}), launched with {@code java} from
 * {@code java.home} and this JVM's class path. The child's stdout and stderr are appended to
 * {@code node.log} in the node directory.
 *
 * <p>The child dies with this JVM: a shutdown hook here kills it, and the child exits when its
 * stdin (a pipe from this JVM) reaches end of file, which also covers {@code kill -9} of this JVM.
 */
public final class ChildJvmNode implements KafkaNode {
    private static final int LOG_TAIL_CHARS = 4000;

    private final int index;
    private final Path nodeDir;
    private final List<String> jvmOptions;
    private volatile @Nullable Process process;
    private volatile @Nullable Thread killOnExit;

    /**
     * Writes the node's {@code server.properties} and creates a stopped node.
     *
     * @param index the node index
     * @param nodeDir the node's directory (holds {@code server.properties}, {@code node.log}, {@code ready})
     * @param properties the server properties
     * @param jvmOptions options for the child JVM, such as {@code -Xmx512m}
     * @throws UncheckedIOException if the properties file cannot be written
     */
    public ChildJvmNode(int index, Path nodeDir, Properties properties, List<String> jvmOptions) {
        this.index = index;
        this.nodeDir = nodeDir;
        this.jvmOptions = List.copyOf(jvmOptions);
        try (OutputStream out = Files.newOutputStream(propertiesFile())) {
            properties.store(out, "faust-embedded-kafka node " + index);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + propertiesFile() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public void start(Duration timeout) throws IOException, InterruptedException, TimeoutException {
        if (process != null) {
            throw new IllegalStateException("node " + index + " is already running");
        }
        Path ready = nodeDir.resolve("ready");
        Files.deleteIfExists(ready);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(NodeMain.class.getName());
        command.add(propertiesFile().toString());
        command.add(ready.toString());
        Process started = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        process = started;
        killOnExit = new Thread(started::destroyForcibly, "faust-embedded-kafka-kill-node-" + index);
        Runtime.getRuntime().addShutdownHook(killOnExit);

        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(ready)) {
            if (!started.isAlive()) {
                forget();
                throw new IOException("node " + index + " (child JVM pid " + started.pid() + ") exited with code "
                        + started.exitValue() + " while starting; see " + logFile());
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new TimeoutException("node " + index + " did not start within " + timeout.toSeconds()
                        + " s; see " + logFile());
            }
            Thread.sleep(25);
        }
    }

    @Override
    public void stop(Duration timeout) {
        Process running = process;
        if (running == null) {
            return;
        }
        try {
            running.getOutputStream().close(); // end of stdin: NodeMain shuts down cleanly
        } catch (IOException ignored) {
            // the pipe is already closed; SIGTERM below has the same effect
        }
        running.destroy();
        try {
            if (!running.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                running.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        forget();
    }

    @Override
    public void kill() {
        Process running = process;
        if (running == null) {
            return;
        }
        running.destroyForcibly();
        try {
            running.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        forget();
    }

    @Override
    public boolean isRunning() {
        return process != null;
    }

    @Override
    public String logTail() {
        Path log = logFile();
        if (!Files.exists(log)) {
            return "";
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, file.length() - LOG_TAIL_CHARS);
            file.seek(start);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read " + log + ": " + e.getMessage() + ")";
        }
    }

    /**
     * The child's process id, while running.
     *
     * @return the pid, or -1 when stopped
     */
    public long pid() {
        Process running = process;
        return running == null ? -1 : running.pid();
    }

    private Path propertiesFile() {
        return nodeDir.resolve("server.properties");
    }

    private Path logFile() {
        return nodeDir.resolve("node.log");
    }

    private void forget() {
        process = null;
        Thread hook = killOnExit;
        killOnExit = null;
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting and the hook runs anyway; killing a dead process is harmless
            }
        }
    }
}
