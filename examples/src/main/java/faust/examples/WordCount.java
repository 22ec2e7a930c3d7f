package faust.examples;

import faust.App;
import faust.AppConfig;
import faust.table.Table;
import faust.topic.Topic;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Faust's word_count.py: lines of text are split into words, repartitioned by word
 * ({@code groupBy}), and counted in a table kept in RocksDB.
 *
 * <pre>{@code bin/faust -A WordCount worker --broker kafka://localhost:9092}</pre>
 */
public final class WordCount {
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private WordCount() {}

    /**
     * The app, the topic it reads and the table it keeps.
     *
     * @param app the app
     * @param posts lines of text
     * @param counts the count of each word
     */
    public record WordCountApp(App app, Topic<String, String> posts, Table<String, Long> counts) {}

    /**
     * @param settings the deployment's settings; the table's store is the {@code store} setting,
     *     {@code rocksdb://} unless they say otherwise
     * @return the app, its topic and its table
     */
    public static WordCountApp create(Consumer<AppConfig> settings) {
        App app = App.create("word-counts", cfg -> settings.accept(cfg.store("rocksdb://").topicPartitions(8)));
        Topic<String, String> posts = app.topic("posts", String.class, String.class);
        Topic<String, String> words = app.topic("words", String.class, String.class);
        Table<String, Long> counts = app.table("word_counts", String.class, Long.class, () -> 0L,
                o -> o.help("Words and how often they were seen"));

        app.agent("shuffle_words", posts, stream -> {
            for (String post : stream) {
                for (String word : SPACES.split(post.strip())) {
                    if (!word.isEmpty()) {
                        words.send(word, word);      // keyed by word: each word's counts live on one partition
                    }
                }
            }
        });
        app.agent("count_words", words, stream -> {
            for (String word : stream) {
                counts.merge(word, 1L, Long::sum);
            }
        });
        return new WordCountApp(app, posts, counts);
    }

    /** @param args {@code worker} and its options */
    public static void main(String[] args) {
        create(cfg -> { }).app().main(args);
    }
}
