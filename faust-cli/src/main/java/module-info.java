/** The umbrella command line behind {@code app.main(args)}, found by faust-core through {@link java.util.ServiceLoader}. */
module faust.cli {
    requires faust.core;
    requires info.picocli;
    requires org.slf4j;
    requires static ch.qos.logback.classic;
    requires static ch.qos.logback.core;
    requires static transitive org.jspecify;

    exports faust.cli;
    opens faust.cli to info.picocli;

    provides faust.CommandLine with faust.cli.FaustCli;
}
