package faust.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
    @FaustRecord(namespace = "withdrawals.Withdrawal")
    record Withdrawal(String user, String country, double amount, @Nullable Instant date) {}

    sealed interface Animal permits Dog, Cat {}

    @FaustRecord(namespace = "zoo.Dog")
    record Dog(String name) implements Animal {}

    @FaustRecord(namespace = "zoo.Cat")
    record Cat(String name, int lives) implements Animal {}

    record Pen(String id, Animal animal, List<Animal> others) {}

    @FaustRecord(namespace = "zoo.Envelope", polymorphicFields = true)
    record Envelope(Object body) {}

    @FaustRecord(namespace = "zoo.RawEnvelope")
    record RawEnvelope(Object body) {}

    @FaustRecord(namespace = "money.Payment", decimals = true)
    record Payment(BigDecimal amount, OffsetDateTime at, LocalDateTime local) {}

    record Plain(BigDecimal amount) {}

    @FaustRecord(includeMetadata = false)
    record Bare(int a) {}

    record Order(String id, @FieldDefault("1") int quantity, @FieldDefault("EUR") String currency,
                 @FieldDefault("[]") List<String> tags, @FieldDefault("2024-01-01T00:00:00Z") Instant placed) {}

    record Counter(int count, @Nullable String label) {}

    @FaustRecord(coerce = true)
    record Loose(int count, boolean flag, String text, Instant at) {}

    @FaustRecord(validation = true)
    record Strict(String required, @Nullable String optional) {}

    @FaustRecord(isodates = true)
    record PythonDates(Instant naive, OffsetDateTime spaced) {}

    record Snake(@JsonProperty("user_id") String userId) {}

    record Positive(int n) {
        Positive {
            if (n < 0) {
                throw new IllegalArgumentException("n must be >= 0, got " + n);
            }
        }
    }

    private final Models models = new Models();
    private final JsonCodec json = new JsonCodec(models);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private String dumps(Object value) {
        return new String(json.dumps(value), StandardCharsets.UTF_8);
    }

    @Test
    void records_are_written_with_faust_namespace_metadata() {
        assertThat(dumps(new Withdrawal("ann", "NO", 10.5, Instant.parse("2024-05-01T12:00:00Z"))))
                .isEqualTo("{\"user\":\"ann\",\"country\":\"NO\",\"amount\":10.5,\"date\":\"2024-05-01T12:00:00Z\","
                        + "\"__faust\":{\"ns\":\"withdrawals.Withdrawal\"}}");
    }

    @Test
    void default_namespace_is_the_binary_name() {
        assertThat(dumps(new Counter(1, null))).endsWith("\"__faust\":{\"ns\":\"" + Counter.class.getName() + "\"}}");
    }

    @Test
    void include_metadata_false_omits_faust_key() {
        assertThat(dumps(new Bare(1))).isEqualTo("{\"a\":1}");
    }

    @Test
    void python_faust_json_decodes_into_the_record() {
        String python = "{\"user\": \"ann\", \"country\": \"NO\", \"amount\": 10.5,"
                + " \"date\": \"2024-05-01T12:00:00+00:00\", \"extra\": [1, 2],"
                + " \"__faust\": {\"ns\": \"withdrawals.Withdrawal\"}}";
        assertThat(json.loads(utf8(python), Withdrawal.class))
                .isEqualTo(new Withdrawal("ann", "NO", 10.5, Instant.parse("2024-05-01T12:00:00Z")));
    }

    @Test
    void object_target_decodes_registered_namespace_into_its_record() {
        models.register(Withdrawal.class);
        String python = "{\"user\": \"bo\", \"country\": \"SE\", \"amount\": 1, \"date\": null,"
                + " \"__faust\": {\"ns\": \"withdrawals.Withdrawal\"}}";
        assertThat(json.loads(utf8(python), Object.class)).isEqualTo(new Withdrawal("bo", "SE", 1, null));
    }

    @Test
    void object_target_with_unknown_namespace_is_a_map() {
        Object value = json.loads(utf8("{\"a\": 1, \"__faust\": {\"ns\": \"nobody.Knows\"}}"), Object.class);
        assertThat(value).isEqualTo(Map.of("a", 1, "__faust", Map.of("ns", "nobody.Knows")));
    }

    @Test
    void records_register_on_first_use() {
        json.dumps(new Dog("rex"));
        assertThat(json.loads(utf8("{\"name\": \"rex\", \"__faust\": {\"ns\": \"zoo.Dog\"}}"), Object.class))
                .isEqualTo(new Dog("rex"));
    }

    @Test
    void sealed_interface_fields_and_elements_decode_by_namespace() {
        String python = "{\"id\": \"p1\", \"animal\": {\"name\": \"tom\", \"lives\": 9, \"__faust\": {\"ns\": \"zoo.Cat\"}},"
                + " \"others\": [{\"name\": \"rex\", \"__faust\": {\"ns\": \"zoo.Dog\"}}]}";
        assertThat(json.loads(utf8(python), Pen.class)).isEqualTo(new Pen("p1", new Cat("tom", 9), List.of(new Dog("rex"))));
        assertThat(json.loads(json.dumps(new Cat("c", 3)), Animal.class)).isEqualTo(new Cat("c", 3));
    }

    @Test
    void interface_target_without_namespace_says_what_was_expected() {
        assertThatThrownBy(() -> json.loads(utf8("{\"name\": \"x\"}"), Animal.class))
                .hasMessageContaining("expected a JSON object with \"__faust\": {\"ns\": ...} naming a record that implements "
                        + Animal.class.getName());
    }

    @Test
    void polymorphic_object_field_decodes_by_namespace_only_when_enabled() {
        models.register(Dog.class);
        String dog = "{\"name\": \"rex\", \"__faust\": {\"ns\": \"zoo.Dog\"}}";
        assertThat(json.loads(utf8("{\"body\": " + dog + "}"), Envelope.class)).isEqualTo(new Envelope(new Dog("rex")));
        assertThat(json.loads(utf8("{\"body\": " + dog + "}"), RawEnvelope.class).body()).isInstanceOf(Map.class);
    }

    @Test
    void decimals_are_written_as_strings_and_read_from_strings_or_numbers() {
        var payment = new Payment(new BigDecimal("12.50"), OffsetDateTime.of(2024, 5, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2)),
                LocalDateTime.of(2024, 5, 1, 12, 0));
        String text = dumps(payment);
        assertThat(text).contains("\"amount\":\"12.50\"", "\"at\":\"2024-05-01T12:00:00+02:00\"", "\"local\":\"2024-05-01T12:00:00\"");
        assertThat(json.loads(utf8(text), Payment.class)).isEqualTo(payment);
        assertThat(json.loads(utf8("{\"amount\": 12.50}"), Plain.class).amount()).isEqualByComparingTo("12.5");
        assertThat(json.loads(utf8("{\"amount\": \"0.1\"}"), Plain.class).amount()).isEqualTo(new BigDecimal("0.1"));
        assertThat(dumps(new Plain(new BigDecimal("1E+3")))).startsWith("{\"amount\":1000,");
    }

    @Test
    void missing_fields_take_their_field_defaults() {
        assertThat(json.loads(utf8("{\"id\": \"o1\"}"), Order.class))
                .isEqualTo(new Order("o1", 1, "EUR", List.of(), Instant.parse("2024-01-01T00:00:00Z")));
    }

    @Test
    void missing_primitive_without_default_is_an_error_and_missing_reference_is_null() {
        assertThatThrownBy(() -> json.loads(utf8("{\"label\": \"x\"}"), Counter.class))
                .hasMessageContaining("field \"count\" (int) of record " + Counter.class.getName() + " is missing");
        assertThat(json.loads(utf8("{\"count\": 2}"), Counter.class)).isEqualTo(new Counter(2, null));
    }

    @Test
    void without_coerce_a_string_for_an_int_is_an_error() {
        assertThatThrownBy(() -> json.loads(utf8("{\"count\": \"42\"}"), Counter.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field \"count\" of record " + Counter.class.getName()
                        + ": expected int but got the string \"42\"")
                .hasMessageContaining("@FaustRecord(coerce = true)");
    }

    @Test
    void coerce_converts_strings_numbers_and_dates() {
        assertThat(json.loads(utf8("{\"count\": \"42\", \"flag\": \"true\", \"text\": 7, \"at\": \"2024-05-01 12:00:00\"}"),
                Loose.class)).isEqualTo(new Loose(42, true, "7", Instant.parse("2024-05-01T12:00:00Z")));
        assertThatThrownBy(() -> json.loads(utf8("{\"count\": \"many\"}"), Loose.class))
                .hasMessageContaining("cannot coerce \"many\" to int");
    }

    @Test
    void validation_requires_non_nullable_fields() {
        assertThat(json.loads(utf8("{\"required\": \"r\"}"), Strict.class)).isEqualTo(new Strict("r", null));
        assertThatThrownBy(() -> json.loads(utf8("{\"optional\": \"o\"}"), Strict.class))
                .hasMessageContaining("field \"required\" of record " + Strict.class.getName() + " is missing, and validation is on");
    }

    @Test
    void isodates_accepts_python_naive_and_space_separated_dates() {
        assertThat(json.loads(utf8("{\"naive\": \"2024-05-01T12:00:00.123456\", \"spaced\": \"2024-05-01 12:00:00+02:00\"}"),
                PythonDates.class)).isEqualTo(new PythonDates(Instant.parse("2024-05-01T12:00:00.123456Z"),
                        OffsetDateTime.of(2024, 5, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2))));
    }

    @Test
    void json_property_renames_a_field() {
        assertThat(dumps(new Snake("u1"))).startsWith("{\"user_id\":\"u1\",");
        assertThat(json.loads(utf8("{\"user_id\": \"u2\"}"), Snake.class)).isEqualTo(new Snake("u2"));
    }

    @Test
    void compact_constructor_rejection_is_reported() {
        assertThatThrownBy(() -> json.loads(utf8("{\"n\": -1}"), Positive.class))
                .hasMessageContaining("rejected its fields")
                .hasMessageContaining("n must be >= 0, got -1");
    }

    @Test
    void malformed_json_names_the_type_and_the_parser_complaint() {
        assertThatThrownBy(() -> json.loads(utf8("{\"count\": }"), Counter.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read " + Counter.class.getName() + " from JSON")
                .hasMessageContaining("Unexpected character")
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> json.loads(new byte[0], Object.class)).hasMessageContaining("no content");
    }

    @Test
    void python_nan_is_accepted() {
        assertThat(json.loads(utf8("NaN"), Double.class)).isNaN();
    }

    @Test
    void instants_round_trip_as_iso_text() {
        Instant now = Instant.parse("2024-05-01T12:00:00.123Z");
        assertThat(dumps(now)).isEqualTo("\"2024-05-01T12:00:00.123Z\"");
        assertThat(json.loads(json.dumps(now), Instant.class)).isEqualTo(now);
    }

    record Node(String name, @Nullable Node next, List<Node> children) {}

    record Line(String sku, int qty) {}

    record Basket(String id, Line first, List<Line> lines, Map<String, Line> byName) {}

    @FaustRecord(coerce = true)
    record LooseDefaults(@FieldDefault("7") int count, @FieldDefault("2024-05-01 12:00:00") Instant at) {}

    @Test
    void self_referencing_records_decode_through_the_resolved_deserializers() {
        String text = "{\"name\": \"a\", \"next\": {\"name\": \"b\", \"next\": null, \"children\": []},"
                + " \"children\": [{\"name\": \"c\", \"children\": []}]}";
        assertThat(json.loads(utf8(text), Node.class)).isEqualTo(
                new Node("a", new Node("b", null, List.of()), List.of(new Node("c", null, List.of()))));
        Node round = new Node("x", new Node("y", null, List.of()), List.of());
        assertThat(json.loads(json.dumps(round), Node.class)).isEqualTo(round);
    }

    @Test
    void fields_in_any_order_nested_records_and_skipped_unknown_structures_decode() {
        String text = "{\"lines\": [{\"qty\": 2, \"sku\": \"b\"}], \"unknown\": {\"deep\": [1, {\"x\": [2]}]},"
                + " \"byName\": {\"k\": {\"sku\": \"c\", \"qty\": 3, \"__faust\": {\"ns\": \"x\"}}},"
                + " \"first\": {\"sku\": \"a\", \"qty\": 1}, \"id\": \"b1\", \"__faust\": {\"ns\": \"shop.Basket\"}}";
        Basket expected = new Basket("b1", new Line("a", 1), List.of(new Line("b", 2)), Map.of("k", new Line("c", 3)));
        for (int i = 0; i < 3; i++) {       // the second and later reads use the cached deserializers
            assertThat(json.loads(utf8(text), Basket.class)).isEqualTo(expected);
        }
    }

    @Test
    void the_last_of_repeated_fields_wins_and_an_explicit_null_is_kept() {
        assertThat(json.loads(utf8("{\"count\": 1, \"count\": 2, \"label\": \"x\", \"label\": null}"), Counter.class))
                .isEqualTo(new Counter(2, null));
        assertThatThrownBy(() -> json.loads(utf8("{\"count\": null}"), Counter.class))
                .hasMessageContaining("field \"count\" (int) of record " + Counter.class.getName() + " is null");
    }

    @Test
    void defaults_follow_the_records_coerce_and_isodates_rules() {
        assertThat(json.loads(utf8("{}"), LooseDefaults.class))
                .isEqualTo(new LooseDefaults(7, Instant.parse("2024-05-01T12:00:00Z")));
    }

    @Test
    void a_non_object_for_a_record_names_what_came_instead() {
        assertThatThrownBy(() -> json.loads(utf8("[1, 2]"), Counter.class))
                .hasMessageContaining("expected a JSON object for record " + Counter.class.getName())
                .hasMessageContaining("but got array [1,2]");
        assertThatThrownBy(() -> json.loads(utf8("{\"first\": 5}"), Basket.class))
                .hasMessageContaining("expected a JSON object for record " + Line.class.getName())
                .hasMessageContaining("at " + Basket.class.getName() + "[\"first\"]");
    }

    @Test
    void a_type_mismatch_inside_a_field_names_the_field_and_position() {
        assertThatThrownBy(() -> json.loads(utf8("{\"id\": \"b\", \"first\": {\"sku\": \"a\", \"qty\": [1]}}"), Basket.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[\"first\"]->")
                .hasMessageContaining("[\"qty\"]")
                .hasMessageContaining("line 1");
    }

    record WithTask(String id, @Nullable Runnable task) {}

    @Test
    void a_component_jackson_cannot_read_fails_only_when_present() {
        assertThat(json.loads(utf8("{\"id\": \"x\"}"), WithTask.class)).isEqualTo(new WithTask("x", null));
        assertThatThrownBy(() -> json.loads(utf8("{\"id\": \"x\", \"task\": {}}"), WithTask.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Runnable");
    }
}
