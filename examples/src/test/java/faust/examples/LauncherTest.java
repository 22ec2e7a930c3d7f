package faust.examples;

import static org.assertj.core.api.Assertions.assertThat;

import faust.examples.windowing.Hopping;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

class LauncherTest {
    @Test
    void every_example_runs_by_its_name_under_faust_examples() throws Exception {
        for (String name : Launcher.EXAMPLES) {
            Method main = Launcher.appClass(name).getMethod("main", String[].class);
            assertThat(Modifier.isStatic(main.getModifiers())).as(name).isTrue();
            assertThat(main.getDeclaringClass().getName()).isEqualTo("faust.examples." + name);
        }
    }

    @Test
    void a_class_named_in_full_runs_too() throws Exception {
        assertThat(Launcher.appClass("faust.examples.windowing.Hopping")).isEqualTo(Hopping.class);
    }
}
