package faust.settings.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SettingsDocTest {
    @Test
    void docs_settings_md_table_equals_rendered_declarations() throws IOException {
        String doc = Files.readString(Path.of("../docs/settings.md"));
        int begin = doc.indexOf(SettingsDoc.BEGIN);
        int end = doc.indexOf(SettingsDoc.END);
        assertThat(begin).as("begin marker").isNotNegative();
        assertThat(end).as("end marker").isGreaterThan(begin);
        String table = doc.substring(begin + SettingsDoc.BEGIN.length() + 1, end);
        assertThat(table).as("regenerate with SettingsDoc.main").isEqualTo(SettingsDoc.render());
    }

    @Test
    void every_declared_setting_is_in_the_reference() {
        String rendered = SettingsDoc.render();
        faust.settings.Settings.declared().forEach(k -> assertThat(rendered).contains("| `" + k.key() + "` |"));
    }
}
