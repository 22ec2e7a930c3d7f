package faust.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.errors.EncodeException;
import faust.errors.ImproperlyConfiguredException;
import faust.errors.KeyDecodeException;
import faust.errors.ValueDecodeException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodecsTest {
    record Point(int x, int y) {}

    private final Codecs codecs = Codecs.defaults();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void defaults_hold_raw_json_and_binary() {
        assertThat(codecs.names()).containsExactly("binary", "json", "raw");
    }

    @Test
    void json_round_trips_records_maps_and_lists() {
        Codec json = codecs.get("json");
        assertThat(json.loads(json.dumps(new Point(1, 2)), Point.class)).isEqualTo(new Point(1, 2));
        assertThat(json.loads(json.dumps(Map.of("a", 1)), Map.class)).isEqualTo(Map.of("a", 1));
        assertThat(json.loads(json.dumps(List.of("a", "b")), List.class)).isEqualTo(List.of("a", "b"));
        assertThat(json.loads(utf8("\"text\""), String.class)).isEqualTo("text");
        assertThat(json.loads(utf8("42"), Long.class)).isEqualTo(42L);
    }

    @Test
    void json_chain_with_binary_round_trips() {
        Codec chain = codecs.get("json|binary");
        byte[] bytes = chain.dumps(new Point(3, 4));
        String json = new String(Base64.getDecoder().decode(bytes), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"x\":3,\"y\":4,");
        assertThat(chain.loads(bytes, Point.class)).isEqualTo(new Point(3, 4));
    }

    @Test
    void chains_ignore_spaces_around_names() {
        assertThat(codecs.get(" json | binary ").loads(codecs.get("json|binary").dumps("x"), String.class))
                .isEqualTo("x");
    }

    @Test
    void resolved_chains_are_cached() {
        assertThat(codecs.get("json|binary")).isSameAs(codecs.get("json|binary"));
        assertThat(codecs.get("json")).isSameAs(codecs.get("json"));
    }

    @Test
    void unknown_codec_names_the_codec_the_spec_and_the_known_names() {
        assertThatThrownBy(() -> codecs.get("json|zstd"))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("Unknown codec \"zstd\"")
                .hasMessageContaining("serializer \"json|zstd\"")
                .hasMessageContaining("[binary, json, raw]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a|b", " padded"})
    void register_rejects_bad_names(String name) {
        assertThatThrownBy(() -> codecs.register(name, codecs.get("raw")))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("Codec name must be non-empty");
    }

    @Test
    void custom_codec_registers_and_chains() {
        Codec reverse = new Codec() {
            @Override
            public byte[] dumps(Object value) {
                return new StringBuilder((String) value).reverse().toString().getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public <T> T loads(byte[] data, Class<T> type) {
                return type.cast(new StringBuilder(new String(data, StandardCharsets.UTF_8)).reverse().toString());
            }
        };
        Codec before = codecs.get("raw|binary");
        codecs.register("reverse", reverse);
        assertThat(codecs.get("reverse").dumps("abc")).isEqualTo(utf8("cba"));
        assertThat(codecs.get("reverse|binary").loads(codecs.get("reverse|binary").dumps("abc"), String.class))
                .isEqualTo("abc");
        assertThat(codecs.get("raw|binary")).as("cache is rebuilt after register").isNotSameAs(before);
    }

    @Test
    void loadsValue_wraps_malformed_json_with_serializer_type_and_parser_complaint() {
        assertThatThrownBy(() -> codecs.loadsValue(Point.class, utf8("{\"x\": 1,"), "json"))
                .isInstanceOf(ValueDecodeException.class)
                .hasMessageContaining("as " + Point.class.getName())
                .hasMessageContaining("serializer \"json\"")
                .hasMessageContaining("Unexpected end-of-input")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loadsValue_reports_a_string_where_a_record_was_expected() {
        assertThatThrownBy(() -> codecs.loadsValue(Point.class, utf8("\"hello\""), "json"))
                .isInstanceOf(ValueDecodeException.class)
                .hasMessageContaining("expected a JSON object for record " + Point.class.getName())
                .hasMessageContaining("got string \"hello\"");
    }

    @Test
    void loadsKey_throws_key_decode_exception() {
        assertThatThrownBy(() -> codecs.loadsKey(Integer.class, utf8("x"), "raw"))
                .isInstanceOf(KeyDecodeException.class)
                .hasMessageContaining("Cannot decode key (1 bytes) as java.lang.Integer with serializer \"raw\"");
    }

    @Test
    void loadsKey_and_dumpsKey_round_trip() {
        byte[] key = codecs.dumpsKey("user-1", "raw");
        assertThat(codecs.loadsKey(String.class, key, "raw")).isEqualTo("user-1");
        assertThat(codecs.loadsValue(Point.class, codecs.dumpsValue(new Point(5, 6), "json|binary"), "json|binary"))
                .isEqualTo(new Point(5, 6));
    }

    @Test
    void dumpsValue_wraps_failures_in_encode_exception() {
        assertThatThrownBy(() -> codecs.dumpsValue(new Object(), "raw"))
                .isInstanceOf(EncodeException.class)
                .hasMessageContaining("Cannot serialize value of type java.lang.Object with serializer \"raw\"");
    }

    @Test
    void unknown_serializer_in_loadsValue_is_a_configuration_error() {
        assertThatThrownBy(() -> codecs.loadsValue(String.class, utf8("x"), "yaml"))
                .isInstanceOf(ImproperlyConfiguredException.class);
    }
}
