package faust.embedded.internal;

import faust.embedded.security.Security;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * Formats a node's log directory for KRaft, as {@code kafka-storage.sh format} does: writes
 * {@code meta.properties} (cluster id, node id) and the bootstrap metadata checkpoint with the
 * latest production {@code metadata.version}. The cluster uses a static voter set
 * ({@code controller.quorum.voters}), so no initial-controllers snapshot is written and
 * {@code kraft.version} stays 0. SCRAM users go into the bootstrap metadata, so their credentials
 * exist before any client connects.
 */
public final class StorageFormat {
    private StorageFormat() {}

    /**
     * Reads the cluster id stored in {@code dataDir/cluster.id}, or creates and stores a new one.
     *
     * @param dataDir the cluster's data directory
     * @return the cluster id
     * @throws IOException if the file cannot be read or written
     */
    public static String clusterId(Path dataDir) throws IOException {
        Path file = dataDir.resolve("cluster.id");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
        return id;
    }

    /**
     * Whether a log directory already holds {@code meta.properties}.
     *
     * @param logDir the directory
     * @return true if it was formatted before
     */
    public static boolean isFormatted(Path logDir) {
        return Files.exists(logDir.resolve("meta.properties"));
    }

    /**
     * Formats {@code logDir} for node {@code nodeId}, unless it is formatted already.
     *
     * @param logDir the node's log directory (data and metadata)
     * @param nodeId the node id
     * @param clusterId the cluster id
     * @param security adds the SCRAM user in SCRAM mode
     * @throws Exception if formatting fails (Kafka's formatter throws checked exceptions)
     */
    public static void format(Path logDir, int nodeId, String clusterId, Security security) throws Exception {
        if (isFormatted(logDir)) {
            return;
        }
        Files.createDirectories(logDir);
        String dir = logDir.toAbsolutePath().toString();
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
                .setNodeId(nodeId)
                .setClusterId(clusterId)
                .setControllerListenerName(BrokerConfig.CONTROLLER_LISTENER)
                .setMetadataLogDirectory(dir)
                .addDirectory(dir);
        if (security instanceof Security.SaslScram scram) {
            // the formatter's --add-scram syntax; Security rejects values with ',' or '"'
            formatter.setScramArguments(List.of(scram.mechanism()
                    + "=[name=" + scram.user() + ",password=\"" + scram.password() + "\"]"));
        }
        formatter.run();
    }
}
