package faust;

/**
 * The umbrella command line behind {@link App#main(String...)} (Faust's {@code faust} command:
 * {@code worker}, {@code agents}, ...). The {@code faust-cli} module provides it through
 * {@link java.util.ServiceLoader}; core does not depend on it.
 */
public interface CommandLine {
    /**
     * Runs a command against the app.
     *
     * @param app the app
     * @param args the command line, e.g. {@code worker --loglevel INFO}
     * @return the exit code
     */
    int run(App app, String... args);
}
