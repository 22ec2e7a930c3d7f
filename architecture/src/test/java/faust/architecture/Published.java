package faust.architecture;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where the published modules' classes are, for the tests to import or resolve. */
final class Published {
    private Published() {}

    /** @return the directory or jar a class was loaded from */
    static Path locationOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path core() {
        return locationOf(faust.App.class);
    }

    static Path kafka() {
        return locationOf(faust.kafka.internal.KafkaTransportFactory.class);
    }

    static Path rocksdb() {
        return locationOf(faust.rocksdb.internal.RocksDbStoreFactory.class);
    }

    static Path cli() {
        return locationOf(faust.cli.FaustCli.class);
    }

    static Path embedded() {
        return locationOf(faust.embedded.EmbeddedKafka.class);
    }
}
