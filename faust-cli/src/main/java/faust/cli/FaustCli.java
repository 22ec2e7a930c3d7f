package faust.cli;

import faust.App;
import faust.CommandLine;

/** The {@link CommandLine} that {@code app.main(args)} finds through {@link java.util.ServiceLoader}. */
public final class FaustCli implements CommandLine {
    /** Creates the provider (ServiceLoader needs a public no-arg constructor). */
    public FaustCli() {}

    @Override
    public int run(App app, String... args) {
        return FaustCommand.run(app, args);
    }
}
