package faust.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.cronutils.model.Cron;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The module descriptors of faust-core, faust-kafka, faust-cli and faust-rocksdb, resolved for real: a module
 * layer of the built classes and their dependencies, outside the class path the other tests run on.
 */
class ModulesTest {
    private static ModuleLayer layer;

    @BeforeAll
    static void resolveTheModules() {
        List<Path> paths = List.of(Published.core(), Published.kafka(), Published.cli(), Published.rocksdb(),
                Published.locationOf(org.rocksdb.RocksDB.class),
                Published.locationOf(org.slf4j.Logger.class), Published.locationOf(ObjectMapper.class),
                Published.locationOf(JsonFactory.class), Published.locationOf(JsonProperty.class),
                Published.locationOf(JavaTimeModule.class), Published.locationOf(Cron.class),
                Published.locationOf(KafkaConsumer.class), Published.locationOf(CommandLine.class));
        ModuleFinder finder = ModuleFinder.of(paths.toArray(Path[]::new));
        Configuration cf = ModuleLayer.boot().configuration()
                .resolveAndBind(finder, ModuleFinder.of(), Set.of("faust.core", "faust.kafka", "faust.cli", "faust.rocksdb"));
        layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    }

    private static ModuleDescriptor descriptor(String module) {
        return layer.findModule(module).orElseThrow().getDescriptor();
    }

    @Test
    void core_exports_its_api_and_spi_packages_and_no_internal_one() {
        Set<String> exported = descriptor("faust.core").exports().stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(exported).containsExactlyInAnyOrder("faust", "faust.agent", "faust.auth", "faust.codec", "faust.errors",
                "faust.sensor", "faust.service", "faust.settings", "faust.store", "faust.stream", "faust.table", "faust.testing",
                "faust.topic", "faust.transport", "faust.window");
        Set<String> packages = descriptor("faust.core").packages();
        assertThat(packages).contains("faust.internal", "faust.stream.internal", "faust.transport.internal",
                "faust.table.internal", "faust.store.internal");
    }

    @Test
    void kafka_exports_its_internals_only_to_the_kafka_client_which_instantiates_its_assignor() {
        assertThat(descriptor("faust.kafka").exports()).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("faust.kafka.internal");
            assertThat(e.targets()).containsExactly("kafka.clients");
        });
    }

    @Test
    void core_finds_both_transports_and_the_command_line_through_the_module_layer() throws Exception {
        ClassLoader loader = layer.findLoader("faust.core");
        Class<?> factory = loader.loadClass("faust.transport.TransportFactory");
        Method schemes = factory.getMethod("schemes");
        Set<Object> found = new TreeSet<>();
        for (Object f : ServiceLoader.load(layer, factory)) {
            found.addAll((List<?>) schemes.invoke(f));
        }
        assertThat(found).containsExactlyInAnyOrder("memory", "kafka", "aiokafka");

        Class<?> cli = loader.loadClass("faust.CommandLine");
        assertThat(ServiceLoader.load(layer, cli).stream().map(p -> p.type().getName()).toList())
                .containsExactly("faust.cli.FaustCli");
    }

    @Test
    void rocksdb_exports_nothing_and_core_finds_both_stores_through_the_module_layer() throws Exception {
        assertThat(descriptor("faust.rocksdb").exports()).isEmpty();
        Class<?> factory = layer.findLoader("faust.core").loadClass("faust.store.StoreFactory");
        Method schemes = factory.getMethod("schemes");
        Set<Object> found = new TreeSet<>();
        for (Object f : ServiceLoader.load(layer, factory)) {
            found.addAll((java.util.Collection<?>) schemes.invoke(f));
        }
        assertThat(found).containsExactlyInAnyOrder("memory", "rocksdb");
    }

    @Test
    void an_app_runs_on_the_memory_transport_inside_the_module_layer() throws Exception {
        ClassLoader loader = layer.findLoader("faust.core");
        Class<?> appClass = loader.loadClass("faust.App");
        Class<?> configClass = loader.loadClass("faust.AppConfig");
        Method broker = configClass.getMethod("broker", String.class);
        Method environment = configClass.getMethod("environment", Map.class);
        Consumer<Object> configure = cfg -> {
            try {
                broker.invoke(cfg, "memory://modules-test");
                environment.invoke(cfg, Map.of());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        };
        Thread me = Thread.currentThread();
        ClassLoader before = me.getContextClassLoader();
        me.setContextClassLoader(loader);       // as in a modular app: the context loader is the app's
        try {
            Object app = appClass.getMethod("create", String.class, Consumer.class).invoke(null, "in-a-layer", configure);
            appClass.getMethod("start").invoke(app);
            try {
                assertThat(appClass.getMethod("state").invoke(app)).hasToString("RUNNING");
            } finally {
                appClass.getMethod("stop").invoke(app);
            }
            assertThat(appClass.getMethod("state").invoke(app)).hasToString("STOPPED");
        } finally {
            me.setContextClassLoader(before);
        }
    }
}
