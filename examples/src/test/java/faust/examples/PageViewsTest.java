package faust.examples;

import static org.assertj.core.api.Assertions.assertThat;

import faust.AppTestDriver;
import faust.examples.PageViews.PageView;
import faust.examples.PageViews.PageViewCount;
import faust.examples.PageViews.PageViewsApp;
import faust.stream.KeyValue;
import faust.topic.SendOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PageViewsTest {
    /** On a 10-second boundary. */
    private static final Instant BASE = Instant.parse("2026-06-01T12:00:00Z");
    private static final List<String> PAGES = List.of("/", "/pricing", "/docs", "/blog", "/about");

    private final AppTestDriver driver = AppTestDriver.create();

    @AfterEach
    void stop() {
        driver.close();
    }

    /** A view sent: its page and message timestamp. */
    private record Sent(String page, Instant at) {}

    /** A page's window, by its start. */
    private record PageWindow(String page, Instant start) {}

    /**
     * Counts the views of each page in each minute-long window starting on a multiple of 10 s
     * (every window that can hold a view sent, nothing written for the empty ones).
     */
    private static Map<PageWindow, Long> countByHand(List<Sent> sent, Instant first, Instant last) {
        Map<PageWindow, Long> out = new HashMap<>();
        for (Instant start = first.minusSeconds(60); !start.isAfter(last); start = start.plusSeconds(10)) {
            for (String page : PAGES) {
                long n = 0;
                for (Sent s : sent) {
                    if (s.page().equals(page) && !s.at().isBefore(start) && s.at().isBefore(start.plusSeconds(60))) {
                        n++;
                    }
                }
                if (n > 0) {
                    out.put(new PageWindow(page, start), n);
                }
            }
        }
        return out;
    }

    @Test
    void each_page_s_final_count_per_hopping_minute_goes_out_once_the_window_closes_an_hour_after_its_end() {
        List<PageViewCount> printed = new CopyOnWriteArrayList<>();
        PageViewsApp p = PageViews.create(driver.configure(cfg -> { }), printed::add);
        driver.start(p.app());

        Random random = new Random(42);
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {        // five minutes of views, out of order
            Sent s = new Sent(PAGES.get(random.nextInt(PAGES.size())), BASE.plusMillis(random.nextInt(300_000)));
            String user = "user-" + random.nextInt(30);
            p.views().send(user, new PageView(s.page(), user), SendOptions.defaults().withTimestamp(s.at())).join();
            sent.add(s);
        }
        driver.awaitIdle();
        assertThat(driver.readOutput(p.counts())).as("no window closes before stream time passes its end + 1 h").isEmpty();

        for (String page : PAGES) {           // moves the stream time of every page's partition 2 h on
            driver.pipeInput(p.views(), "late-visitor", new PageView(page, "late-visitor"), BASE.plus(Duration.ofHours(2)));
        }
        List<KeyValue<String, PageViewCount>> out = driver.readOutput(p.counts());
        Map<PageWindow, Long> counted = new HashMap<>();
        for (KeyValue<String, PageViewCount> kv : out) {
            PageViewCount c = kv.value();
            assertThat(kv.key()).isEqualTo(c.page());
            assertThat(Duration.between(c.start(), c.end())).isEqualTo(Duration.ofMinutes(1));
            assertThat(counted.put(new PageWindow(c.page(), c.start()), c.count())).as("one result per window").isNull();
        }
        assertThat(counted).isEqualTo(countByHand(sent, BASE, BASE.plusSeconds(300)));
        assertThat(printed).containsExactlyInAnyOrderElementsOf(out.stream().map(KeyValue::value).toList());

        driver.pipeInput(p.views(), "u", new PageView("/", "u"), BASE.plusSeconds(30));
        assertThat(p.app().monitor().tables().get("page_views_per_minute").lateWrites())
                .as("a view for closed windows is dropped, once for each of the six windows holding it").isEqualTo(6);
        assertThat(driver.readOutput(p.counts())).isEmpty();
    }
}
