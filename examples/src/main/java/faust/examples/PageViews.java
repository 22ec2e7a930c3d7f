package faust.examples;

import faust.App;
import faust.AppConfig;
import faust.codec.FaustRecord;
import faust.table.WindowedTable;
import faust.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Page views per minute, the windowing example of Faust's user guide: views arrive keyed by user,
 * are repartitioned by page ({@code groupBy}), and counted in a table of hopping windows a minute
 * long that start every 10 seconds, placed by each view's message timestamp
 * ({@code relativeToStream}). When a window closes, each page's final count in it goes to the
 * topic {@code page_view_counts} ({@code finalResults}), and an agent prints it.
 *
 * <pre>{@code bin/faust -A PageViews worker --broker kafka://localhost:9092}</pre>
 *
 * <p>A view counts in the six windows that hold it. A window closes an hour (its {@code expires},
 * which is also its grace) after its end, on the stream time of its partition: the latest view
 * timestamp the partition has seen. A view later than that is dropped; one that comes out of order
 * but within the hour still counts.
 */
public final class PageViews {
    /** How long a window lasts. */
    public static final Duration SIZE = Duration.ofMinutes(1);
    /** How often a window starts. */
    public static final Duration STEP = Duration.ofSeconds(10);
    /** How long a window is kept, and waits for late views, after its end. */
    public static final Duration EXPIRES = Duration.ofHours(1);

    private PageViews() {}

    /**
     * A page view.
     *
     * @param page the page viewed
     * @param user who viewed it
     */
    @FaustRecord(namespace = "examples.page_views.PageView")
    public record PageView(String page, String user) {}

    /**
     * A page's final count in one window.
     *
     * @param page the page
     * @param start the window's start
     * @param end the window's end (excluded)
     * @param count views of the page in the window
     */
    @FaustRecord(namespace = "examples.page_views.PageViewCount")
    public record PageViewCount(String page, Instant start, Instant end, long count) {}

    /**
     * The app, its topics and its table.
     *
     * @param app the app
     * @param views page views, keyed by user
     * @param counts each page's final count per closed window, keyed by page
     * @param perMinute the views of each page per window
     */
    public record PageViewsApp(App app, Topic<String, PageView> views, Topic<String, PageViewCount> counts,
                               WindowedTable<String, Long> perMinute) {}

    /**
     * @param settings the deployment's settings
     * @param out where the final counts are printed
     * @return the app, its topics and its table
     */
    public static PageViewsApp create(Consumer<AppConfig> settings, Consumer<PageViewCount> out) {
        App app = App.create("page-views", cfg -> settings.accept(cfg.topicPartitions(4)));
        Topic<String, PageView> views = app.topic("page_views", String.class, PageView.class);
        Topic<String, PageViewCount> counts = app.topic("page_view_counts", String.class, PageViewCount.class);
        WindowedTable<String, Long> perMinute = app.table("page_views_per_minute", String.class, Long.class, () -> 0L,
                        o -> o.help("Views of each page per minute"))
                .hopping(SIZE, STEP, EXPIRES)
                .relativeToStream()
                .finalResults(counts, (page, window, n) -> new PageViewCount(page, window.start(), window.end(), n));

        app.agent("count_page_views", views, stream -> {
            // after groupBy each page's views arrive on one partition: its table partition
            for (PageView view : stream.groupBy(PageView::page, "PageView.page")) {
                perMinute.get(view.page()).merge(1L, Long::sum);
            }
        });
        app.agent("print_page_view_counts", counts, stream -> {
            for (PageViewCount c : stream) {
                out.accept(c);
            }
        });
        return new PageViewsApp(app, views, counts, perMinute);
    }

    /** @param args {@code worker} and its options */
    public static void main(String[] args) {
        PageViewsApp p = create(cfg -> cfg.broker("memory://"), c -> System.out.printf("%s %s..%s: %d views%n",
                c.page(), c.start(), c.end(), c.count()));
        String[] pages = {"/", "/pricing", "/docs", "/blog"};
        p.app().timer(Duration.ofMillis(200), t -> t.name("produce"), () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String user = "user-" + random.nextInt(20);
            p.views().send(user, new PageView(pages[random.nextInt(pages.length)], user));
        });
        p.app().main(args);
    }
}
