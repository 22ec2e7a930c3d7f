package faust.examples;

import faust.App;
import faust.agent.Agent;
import faust.agent.AgentOptions;
import faust.topic.Topic;
import java.time.Duration;
import java.util.function.Consumer;

/** Faust's advanced/rpc.py: one agent asks another and waits for the reply. */
public final class Rpc {
    private Rpc() {}

    /**
     * @param broker broker URL
     * @param out where the asking agent reports
     * @return the app and the topic feeding the asking agent
     */
    public static java.util.Map.Entry<App, Topic<String, Integer>> create(String broker, Consumer<String> out) {
        App app = App.create("rpc-example", cfg -> cfg.broker(broker).replyCreateTopic(true));
        Agent<String, Integer, Integer> square = app.agent("square", String.class, Integer.class,
                AgentOptions.create().resultType(Integer.class), (stream, results) -> {
                    for (Integer n : stream) {
                        results.emit(n * n);
                    }
                });
        Topic<String, Integer> numbers = app.topic("numbers", String.class, Integer.class);
        app.agent("ask_squares", numbers, stream -> {
            for (Integer n : stream) {
                out.accept(n + " squared is " + square.ask(null, n, Duration.ofSeconds(30)));
            }
        });
        return java.util.Map.entry(app, numbers);
    }

    /** @param args {@code worker} and its options */
    public static void main(String[] args) {
        var created = create("memory://", System.out::println);
        int[] n = {0};
        created.getKey().timer(Duration.ofSeconds(1), () -> created.getValue().send(null, ++n[0]));
        created.getKey().main(args);
    }
}
