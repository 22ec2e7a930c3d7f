package faust.examples;

import faust.App;
import faust.examples.Withdrawals.Withdrawal;
import faust.examples.Withdrawals.WithdrawalsApp;
import faust.examples.WordCount.WordCountApp;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * What {@code bin/faust} runs: {@code demo} starts a real Kafka broker and runs the hello-world and
 * withdrawals examples on it ({@code demo --memory}: on the memory transport);
 * {@code -A <class> <command...>} runs an app class's main ({@code --broker URL} picks the broker),
 * the class named in full or relative to {@code faust.examples} ({@link #EXAMPLES}).
 */
public final class Launcher {
    /** The examples {@code -A} runs by their names relative to {@code faust.examples}. */
    static final List<String> EXAMPLES = List.of("HelloWorld", "WordCount", "Withdrawals", "WindowedAggregation",
            "windowing.Tumbling", "windowing.Hopping", "PageViews", "TableOfSet", "TableTest", "Rpc", "Concurrency");

    private Launcher() {}

    /** @param args {@code demo [--memory]}, or {@code -A <AppClass> worker [options]} */
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("demo")) {
            if (Arrays.asList(args).contains("--memory")) {
                demo();
            } else {
                KafkaDemo.run(30);
            }
            return;
        }
        for (int i = 0; i < args.length; i++) {
            // settings are read when the app is created, so --broker becomes the faust.setting.broker property first
            if (args[i].equals("--broker") && i + 1 < args.length) {
                System.setProperty("faust.setting.broker", args[i + 1]);
            } else if (args[i].startsWith("--broker=")) {
                System.setProperty("faust.setting.broker", args[i].substring("--broker=".length()));
            }
        }
        if ((args[0].equals("-A") || args[0].equals("--app")) && args.length >= 2) {
            Method main = appClass(args[1]).getMethod("main", String[].class);
            main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
            return;
        }
        System.err.println("usage: bin/faust demo [--memory] | bin/faust -A <AppClass> worker [--broker URL] [--loglevel L] "
                + "[--logfile F] [--workdir D]\n  examples: " + String.join(", ", EXAMPLES));
        System.exit(2);
    }

    /**
     * @param name a class name in full, or relative to {@code faust.examples} ({@code windowing.Tumbling})
     * @return the class
     * @throws ClassNotFoundException when it is neither
     */
    static Class<?> appClass(String name) throws ClassNotFoundException {
        try {
            return Class.forName("faust.examples." + name);
        } catch (ClassNotFoundException notAnExample) {
            return Class.forName(name);
        }
    }

    private static void demo() throws InterruptedException, IOException {
        System.out.println("faust-java demo: agents on the in-process memory:// broker (real Kafka comes with faust-kafka)");
        App hello = HelloWorld.create(cfg -> cfg.broker("memory://demo"), g -> System.out.println("  [print_greetings] " + g));
        WithdrawalsApp w = Withdrawals.create(cfg -> cfg.broker("memory://demo"));
        Path datadir = Files.createTempDirectory("faust-demo");
        WordCountApp wc = WordCount.create(cfg -> cfg.broker("memory://demo").set("datadir", datadir.toString()));
        hello.start();
        w.app().start();
        wc.app().start();
        for (String line : List.of("the quick brown fox", "jumps over the lazy dog", "the dog sleeps")) {
            wc.posts().send(line);
        }
        List<String> countries = List.of("NO", "SE", "DK");
        Instant from = Instant.now();
        for (int i = 0; i < 30; i++) {
            w.withdrawals().send("user-" + i, new Withdrawal("user-" + i, countries.get(i % 3), 10 + i, Instant.now()));
        }
        Thread.sleep(3000);
        System.out.println("  [track_country_withdrawal] table country_to_total after groupBy, summed over its 10-second "
                + "windows: " + w.totalsPerCountry(countries, from, Instant.now()));
        System.out.println("  [count_words] table word_counts:\n" + wc.counts().asAnsiTable().indent(4).stripTrailing());
        System.out.println("  monitor: events_total=" + hello.monitor().eventsTotal() + "+" + w.app().monitor().eventsTotal()
                + ", messages_received_total=" + (hello.monitor().messagesReceivedTotal()
                + w.app().monitor().messagesReceivedTotal()));
        hello.stop();
        w.app().stop();
        wc.app().stop();
    }
}
