package faust.examples;

import faust.App;
import faust.AppConfig;
import faust.agent.Agent;
import faust.topic.Topic;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Faust's advanced/rpc.py: one agent asks another and waits for the reply. */
public final class Rpc {
    private Rpc() {}

    /**
     * The app and the topic feeding the asking agent.
     *
     * @param app the app
     * @param numbers the numbers topic
     */
    public record RpcApp(App app, Topic<String, Integer> numbers) {}

    /**
     * @param settings the deployment's settings
     * @param out where the asking agent reports
     * @return the app and its input topic
     */
    public static RpcApp create(Consumer<AppConfig> settings, Consumer<String> out) {
        App app = App.create("rpc-example", cfg -> settings.accept(cfg.replyCreateTopic(true)));

        Agent<String, Integer, Integer> square = app.agent("square", String.class, Integer.class, Integer.class,
                (stream, results) -> {
                    for (Integer n : stream) {
                        results.emit(n * n);
                    }
                });

        Topic<String, Integer> numbers = app.topic("numbers", String.class, Integer.class);
        app.agent("ask_squares", numbers, stream -> {
            for (Integer n : stream) {
                out.accept(n + " squared is " + square.ask(n, Duration.ofSeconds(30)));
            }
        });
        return new RpcApp(app, numbers);
    }

    /** @param args {@code worker} and its options */
    public static void main(String[] args) {
        RpcApp rpc = create(cfg -> cfg.broker("memory://"), System.out::println);
        AtomicInteger n = new AtomicInteger();
        rpc.app().timer(Duration.ofSeconds(1), t -> t.name("produce"), () -> rpc.numbers().send(n.incrementAndGet()));
        rpc.app().main(args);
    }
}
