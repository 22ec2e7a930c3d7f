package faust.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;

import faust.embedded.security.Security;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageFormatTest {
    @TempDir
    Path dir;

    @Test
    void cluster_id_is_created_once_and_then_read_back() throws Exception {
        String first = StorageFormat.clusterId(dir);

        assertThat(first).hasSize(22);
        assertThat(StorageFormat.clusterId(dir)).isEqualTo(first);
    }

    @Test
    void format_writes_meta_properties_and_bootstrap_metadata_once() throws Exception {
        Path logs = dir.resolve("node-0/logs");
        String clusterId = StorageFormat.clusterId(dir);

        StorageFormat.format(logs, 0, clusterId, Security.plaintext());

        assertThat(StorageFormat.isFormatted(logs)).isTrue();
        assertThat(Files.readString(logs.resolve("meta.properties")))
                .contains("cluster.id=" + clusterId).contains("node.id=0");
        assertThat(logs.resolve("bootstrap.checkpoint")).isNotEmptyFile();
        long modified = Files.getLastModifiedTime(logs.resolve("meta.properties")).toMillis();
        StorageFormat.format(logs, 0, clusterId, Security.plaintext());
        assertThat(Files.getLastModifiedTime(logs.resolve("meta.properties")).toMillis()).isEqualTo(modified);
    }

    @Test
    void scram_user_goes_into_the_bootstrap_metadata() throws Exception {
        Path plain = dir.resolve("plain");
        Path scram = dir.resolve("scram");
        StorageFormat.format(plain, 0, "AAAAAAAAAAAAAAAAAAAAAA", Security.plaintext());
        StorageFormat.format(scram, 0, "AAAAAAAAAAAAAAAAAAAAAA", Security.saslScram("SCRAM-SHA-256", "bob", "pw"));

        assertThat(Files.size(scram.resolve("bootstrap.checkpoint")))
                .isGreaterThan(Files.size(plain.resolve("bootstrap.checkpoint")));
    }
}
