package faust.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import faust.App;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the published modules (faust-core, faust-kafka, faust-cli, faust-embedded-kafka):
 * the user's entry points ({@code faust}, its command line {@code faust.cli}, and
 * {@code faust.embedded}'s broker handle) build on the runtime ({@code *.internal}), which builds
 * on the API and SPI packages; nothing points back up, and packages form no cycle.
 */
class ArchitectureTest {
    /** The packages an app is written against, and the transport SPI. */
    static final String[] API = {"faust.agent", "faust.auth", "faust.codec", "faust.errors", "faust.sensor",
            "faust.service", "faust.settings", "faust.store", "faust.stream", "faust.table", "faust.testing", "faust.topic",
            "faust.transport"};
    /** The entry layer: what a user's program or its command line starts from; it may use the runtime. */
    static final String[] ENTRY = {"faust", "faust.cli", "faust.embedded"};

    private static JavaClasses classes;

    @BeforeAll
    static void importPublishedModules() {
        List<Location> locations = new ArrayList<>();
        for (Path p : List.of(Published.core(), Published.kafka(), Published.cli(), Published.rocksdb(), Published.embedded())) {
            locations.add(location(p));
        }
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(locations);
    }

    /** A module's classes: target/classes when the build has not packaged it, its jar in a full build. */
    private static Location location(Path p) {
        if (Files.isDirectory(p)) {
            return Location.of(p);
        }
        try {
            return Location.of(new JarFile(p.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void the_published_modules_are_imported() {
        // a rule over no classes passes vacuously: check the import found each module's classes
        for (String c : new String[] {"faust.App", "faust.internal.ConsumerLoop", "faust.kafka.internal.KafkaTransport",
                "faust.cli.FaustCommand", "faust.embedded.EmbeddedKafka", "faust.rocksdb.internal.RocksDbStore",
                "faust.table.internal.TableManager"}) {
            if (!classes.contain(c)) {
                throw new AssertionError(c + " was not imported from " + Published.core() + ", " + Published.kafka() + ", "
                        + Published.cli() + ", " + Published.embedded());
            }
        }
    }

    @Test
    void api_and_spi_packages_use_no_internal_type() {
        ArchRule rule = noClasses().that().resideInAnyPackage(API)
                .should().dependOnClassesThat().resideInAPackage("..internal..")
                .because("an internal type in an API or SPI signature or body ties users to the runtime");
        rule.check(classes);
    }

    @Test
    void nothing_but_the_entry_layer_knows_the_app() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages(ENTRY)
                .should().dependOnClassesThat().belongToAnyOf(App.class)
                .because("the runtime gets callbacks and configuration, never the App facade");
        rule.check(classes);
    }

    @Test
    void the_runtime_does_not_reach_back_into_the_entry_layer() {
        ArchRule rule = noClasses().that().resideInAPackage("..internal..")
                .should().dependOnClassesThat().resideInAnyPackage(ENTRY)
                .because("dependencies point one way: entry -> runtime -> API and SPI");
        rule.check(classes);
    }

    @Test
    void packages_form_no_cycle() {
        // faust.stream and faust.topic are one unit of nouns that name each other (a channel gives a
        // stream; a stream goes through a channel), as Kafka keeps KStream and KTable in one package;
        // any other package taking part in a cycle fails this rule.
        ArchRule rule = slices().matching("(**)").should().beFreeOfCycles()
                .ignoreDependency(resideInAPackage("faust.stream"), resideInAPackage("faust.topic"))
                .ignoreDependency(resideInAPackage("faust.topic"), resideInAPackage("faust.stream"));
        rule.check(classes);
    }

    @Test
    void transports_are_found_through_the_spi_and_never_import_each_other() {
        ArchRule rule = noClasses().that().resideInAPackage("faust.kafka..")
                .should().dependOnClassesThat(describe("core's memory transport or runtime",
                        c -> c.getPackageName().startsWith("faust.") && c.getPackageName().endsWith(".internal")
                                && !c.getPackageName().startsWith("faust.kafka")))
                .because("faust-kafka implements the transport SPI and reads only API and SPI types");
        rule.check(classes);
        noClasses().that().resideInAnyPackage(resideInAnyPackagePatterns())
                .should().dependOnClassesThat().resideInAPackage("faust.kafka..").check(classes);
    }

    private static String[] resideInAnyPackagePatterns() {
        return new String[] {"faust", "faust.internal..", "faust.agent..", "faust.stream..", "faust.topic..",
                "faust.transport..", "faust.sensor..", "faust.settings..", "faust.service..", "faust.codec.."};
    }
}
