package faust.settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The faust-java version, from the resource the build writes ({@code faust/version.properties}). */
final class FaustVersion {
    static final String VERSION = read();

    private FaustVersion() {}

    private static String read() {
        try (InputStream in = FaustVersion.class.getResourceAsStream("/faust/version.properties")) {
            if (in == null) {
                throw new IllegalStateException("faust/version.properties is missing from faust-core's jar; rebuild it");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
