package org.automb.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages form layers (docs/architecture.md, "Packages"): a class may use its own layer and the ones below it,
 * never one above; and no packages reach each other in a cycle, in a layer or across layers.
 */
class PackageLayersTest {

    /** Highest first; the packages of one row are one layer (they may use each other, but not in a cycle). */
    static final List<List<String>> LAYERS = List.of(
        List.of("app", "app.health"),
        List.of("web", "jmx"),
        List.of("actions"),
        List.of("status", "metrics"),
        List.of("plugins"),
        List.of("notify"),
        List.of("steps"),
        List.of("deliver"),
        List.of("tagging"),
        List.of("audio.passthrough", "audio.join", "audio.libav", "audio.ffmpeg"),
        List.of("audio"),
        List.of("attempt"),
        List.of("metadata"),
        List.of("plan"),
        List.of("intake"),
        List.of("jobs", "jobs.store", "media", "media.ffmpeg", "media.libav", "media.mp4"),
        List.of("io", "config", "failure"));

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        // the service's own classes folder (target/classes): scanning the whole class path for the package reads
        // every jar, the bundled ffmpeg's included, and takes half a minute
        classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importUrl(org.automb.app.AutoM4bCommand.class.getProtectionDomain().getCodeSource().getLocation());
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.automb.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void noLayerUsesALayerAboveIt() {
        for (int layer = 1; layer < LAYERS.size(); layer++) {
            List<String> above = new ArrayList<>();
            LAYERS.subList(0, layer).forEach(row -> row.forEach(pkg -> above.add("org.automb." + pkg)));
            String[] own = LAYERS.get(layer).stream().map(pkg -> "org.automb." + pkg).toArray(String[]::new);
            noClasses().that().resideInAnyPackage(own)
                .should().dependOnClassesThat().resideInAnyPackage(above.toArray(String[]::new))
                .because("layer " + LAYERS.get(layer) + " lies below " + above)
                .check(classes);
        }
    }

    @Test
    void onlyTheRouteStepsHandleExchanges() {
        // the rest take typed arguments through Camel's parameter binding; the wiring, the health routes and the
        // probes' exec runner (which sends its commands through camel-exec) and the notifications' outbound sender (camel-http,
        // camel-mail, camel-exec) are the other users
        noClasses().that().resideOutsideOfPackages("org.automb.steps", "org.automb.app", "org.automb.app.health",
                "org.automb.media.ffmpeg", "org.automb.notify", "org.automb.plugins")
            .should().dependOnClassesThat().haveFullyQualifiedName("org.apache.camel.Exchange")
            .check(classes);
    }

    @Test
    void docsArchitectureListsEveryPackageInItsLayer() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs/architecture.md"));
        String table = doc.substring(doc.indexOf("| layer | packages |"));
        List<String> rows = table.lines().takeWhile(line -> line.startsWith("|")).skip(2).toList();
        org.assertj.core.api.Assertions.assertThat(rows).hasSameSizeAs(LAYERS);
        for (int layer = 0; layer < LAYERS.size(); layer++) {
            for (String pkg : LAYERS.get(layer)) {
                org.assertj.core.api.Assertions.assertThat(rows.get(layer)).as("layer %d of docs/architecture.md", layer + 1)
                    .contains("`" + pkg + "`");
            }
        }
    }

    @Test
    void everyPackageHasALayer() {
        List<String> known = LAYERS.stream().flatMap(List::stream).map(pkg -> "org.automb." + pkg).toList();
        List<String> unknown = classes.stream().map(javaClass -> javaClass.getPackageName())
            .filter(pkg -> pkg.startsWith("org.automb.") && !known.contains(pkg)).distinct().sorted().toList();
        org.assertj.core.api.Assertions.assertThat(unknown).as("packages missing from LAYERS").isEmpty();
    }
}
