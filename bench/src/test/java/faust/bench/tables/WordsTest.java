package faust.bench.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WordsTest {
    @Test
    void a_line_is_about_100_bytes_of_11_words_of_the_vocabulary_and_always_the_same() {
        byte[] line = Words.line(42);
        assertThat(line.length).isBetween(90, 100);
        String[] words = new String(line, StandardCharsets.US_ASCII).split(" ");
        assertThat(words).hasSize(Words.PER_LINE).allMatch(w -> w.matches("word\\d{4}"));
        assertThat(Words.line(42)).isEqualTo(line);
        assertThat(Words.words(1000)).isEqualTo(11_000);
    }

    @Test
    void the_lines_of_a_run_use_the_whole_vocabulary() {
        Set<String> seen = new HashSet<>();
        for (long i = 0; i < 20_000; i++) {
            for (String w : new String(Words.line(i), StandardCharsets.US_ASCII).split(" ")) {
                seen.add(w);
            }
        }
        assertThat(seen).hasSize(Words.VOCABULARY);
    }
}
