package faust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import faust.App;
import faust.AppTestDriver;
import faust.CommandLine;
import faust.service.ServiceState;
import faust.settings.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaustCommandTest {
    private final AppTestDriver driver = AppTestDriver.create();

    @AfterEach
    void stop() {
        driver.close();
    }

    private App app(String id) {
        App app = driver.app(id);
        app.agent("printer", app.topic("greetings", String.class, String.class), stream -> stream.forEach(g -> { }));
        return app;
    }

    /** Runs {@code body} with System.out or System.err captured; returns what it printed. */
    private static String capture(boolean err, Callable<Integer> body, int[] code) throws Exception {
        PrintStream before = err ? System.err : System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream to = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        if (err) {
            System.setErr(to);
        } else {
            System.setOut(to);
        }
        try {
            code[0] = body.call();
        } finally {
            if (err) {
                System.setErr(before);
            } else {
                System.setOut(before);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void app_main_finds_this_command_line_through_the_service_loader() {
        assertThat(ServiceLoader.load(CommandLine.class).findFirst()).get().isInstanceOf(FaustCli.class);
    }

    @Test
    void worker_runs_the_app_for_the_duration_then_stops_it_and_exits_0() {
        App app = app("cli-worker");

        int code = new FaustCli().run(app, "worker", "--duration", "300ms", "--loglevel", "WARN");

        assertThat(code).isZero();
        assertThat(app.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(app.crashReason()).isNull();
    }

    @Test
    void agents_lists_each_agent_with_its_channel_and_concurrency() throws Exception {
        App app = app("cli-agents");
        int[] code = {-1};

        String out = capture(false, () -> new FaustCli().run(app, "agents"), code);

        assertThat(code[0]).isZero();
        assertThat(out).contains("name").contains("printer").contains("greetings").contains("1");
    }

    @Test
    void a_broker_option_other_than_the_apps_is_a_usage_error_naming_how_to_pass_it() throws Exception {
        App app = app("cli-broker");
        int[] code = {-1};

        String err = capture(true, () -> new FaustCli().run(app, "worker", "--broker", "kafka://elsewhere:9092"), code);

        assertThat(code[0]).isEqualTo(2);
        assertThat(err).contains("--broker kafka://elsewhere:9092 came after the app was created")
                .contains("-Dfaust.setting.broker=URL");
        assertThat(app.state()).isEqualTo(ServiceState.INIT);
    }

    @Test
    void version_names_the_faust_java_version() throws Exception {
        App app = app("cli-version");
        int[] code = {-1};

        String out = capture(false, () -> new FaustCli().run(app, "--version"), code);

        assertThat(code[0]).isZero();
        assertThat(out.trim()).isEqualTo("faust-java " + Settings.faustVersion());
    }

    @Test
    void an_unknown_log_level_is_refused() throws Exception {
        App app = app("cli-loglevel");
        int[] code = {-1};

        String err = capture(true, () -> new FaustCli().run(app, "worker", "--duration", "1s", "--loglevel", "LOUD"), code);

        assertThat(code[0]).isNotZero();
        assertThat(err).contains("--loglevel must be one of ERROR, WARN, INFO, DEBUG, TRACE; got 'LOUD'");
    }

    @Test
    void tables_lists_each_table_and_reset_deletes_the_local_state_of_each() throws Exception {
        App app = app("cli-tables");
        app.table("counts", String.class, Long.class, () -> 0L, o -> o.partitions(4).help("Counts per word"));
        app.globalTable("rates", String.class, Double.class, null);
        int[] code = {-1};

        String out = capture(false, () -> new FaustCli().run(app, "tables"), code);

        assertThat(code[0]).isZero();
        assertThat(out).contains("counts").contains("cli-tables-counts-changelog").contains("Counts per word")
                .contains("rates (global)");
        out = capture(false, () -> new FaustCli().run(app, "reset", "--loglevel", "WARN"), code);
        assertThat(code[0]).isZero();
        assertThat(out).contains("reset table counts (4 partitions)").contains("reset table rates");
    }
}
