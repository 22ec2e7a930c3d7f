package faust.topic.internal;

import static org.assertj.core.api.Assertions.assertThat;

import faust.App;
import faust.AppTestDriver;
import faust.topic.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TopicRegistryTest {
    private final AppTestDriver driver = AppTestDriver.create();

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void app_send_by_name_makes_one_topic_however_often_it_is_called() {
        App app = driver.app("sender");
        Topic<String, String> out = app.topic("out", String.class, String.class);
        driver.start(app);
        int before = registry(out).all().size();

        for (int i = 0; i < 1_000; i++) {
            app.send("by-name", "k", "v" + i).join();
        }

        assertThat(registry(out).all()).hasSize(before + 1);
        assertThat(app.topic("by-name", Object.class, Object.class)).isSameAs(app.topic("by-name", Object.class, Object.class));
    }

    @Test
    void the_same_name_with_other_types_or_options_is_another_topic_object() {
        App app = driver.app("kinds");
        Topic<String, String> a = app.topic("t", String.class, String.class);
        assertThat(app.topic("t", String.class, String.class)).isSameAs(a);
        assertThat(app.topic("t", String.class, Integer.class)).isNotSameAs(a);
        assertThat(app.topic("t", String.class, String.class, o -> o.partitions(3))).isNotSameAs(a);
    }

    private static TopicRegistry registry(Topic<?, ?> t) {
        return ((TopicImpl<?, ?>) t).registry();
    }
}
