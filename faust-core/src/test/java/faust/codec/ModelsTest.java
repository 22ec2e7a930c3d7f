package faust.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.errors.ImproperlyConfiguredException;
import org.junit.jupiter.api.Test;

class ModelsTest {
    record Plain(int a) {}

    @FaustRecord(namespace = "shop.Order", serializer = "json|binary")
    record Order(String id) {}

    @FaustRecord(namespace = "shop.Order")
    record OtherOrder(String id) {}

    @Test
    void namespace_defaults_to_the_binary_name() {
        assertThat(Models.namespaceOf(Plain.class)).isEqualTo("faust.codec.ModelsTest$Plain");
    }

    @Test
    void namespace_comes_from_the_annotation() {
        assertThat(Models.namespaceOf(Order.class)).isEqualTo("shop.Order");
    }

    @Test
    void register_then_lookup_finds_the_record() {
        var models = new Models().register(Order.class).register(Order.class);
        assertThat(models.lookup("shop.Order")).contains(Order.class);
        assertThat(models.lookup("nope")).isEmpty();
        assertThat(models.namespaces()).containsExactly("shop.Order");
    }

    @Test
    void two_records_with_one_namespace_conflict() {
        var models = new Models().register(Order.class);
        assertThatThrownBy(() -> models.register(OtherOrder.class))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("Namespace \"shop.Order\" is already used by " + Order.class.getName());
    }

    @Test
    void serializer_option_is_exposed() {
        assertThat(Models.serializerOf(Order.class)).contains("json|binary");
        assertThat(Models.serializerOf(Plain.class)).isEmpty();
    }
}
