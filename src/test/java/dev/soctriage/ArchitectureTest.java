package dev.soctriage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.Constraint;

/**
 * The package map of docs/architecture.md, kept by the build: layers only point down, and no
 * packages depend on each other in a cycle. An import that runs back up fails {@code make test}.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.soctriage");
    }

    /** The layers, top to bottom; each may use the ones below it that this rule names. */
    static ArchRule layers() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Functions").definedBy("dev.soctriage.function..")
                .layer("Pipeline").definedBy("dev.soctriage.pipeline..")
                .layer("Api").definedBy("dev.soctriage.api..")
                .layer("Approval").definedBy("dev.soctriage.approval..")
                .layer("Remediate").definedBy("dev.soctriage.remediate..")
                .layer("Triage").definedBy("dev.soctriage.triage..")
                .layer("Detect").definedBy("dev.soctriage.detect..")
                .layer("Guard").definedBy("dev.soctriage.guard..")
                .layer("Group").definedBy("dev.soctriage.group..")
                .layer("Parse").definedBy("dev.soctriage.parse..")
                .layer("Ingest").definedBy("dev.soctriage.ingest..")
                .layer("Verdict").definedBy("dev.soctriage.verdict..")
                .layer("Base").definedBy("dev.soctriage.model..", "dev.soctriage.text..", "dev.soctriage.net..",
                        "dev.soctriage.secrets..", "dev.soctriage.metrics..")

                .whereLayer("Functions").mayNotBeAccessedByAnyLayer()
                .whereLayer("Pipeline").mayOnlyBeAccessedByLayers("Functions")
                .whereLayer("Api").mayOnlyBeAccessedByLayers("Functions")
                .whereLayer("Approval").mayOnlyBeAccessedByLayers("Functions", "Api")
                .whereLayer("Remediate").mayOnlyBeAccessedByLayers("Api", "Approval")
                .whereLayer("Triage").mayOnlyBeAccessedByLayers("Pipeline")
                .whereLayer("Detect").mayOnlyBeAccessedByLayers("Triage", "Pipeline")
                .whereLayer("Guard").mayOnlyBeAccessedByLayers("Triage", "Pipeline", "Api", "Approval")
                .whereLayer("Group").mayOnlyBeAccessedByLayers("Detect", "Guard", "Triage", "Pipeline")
                .whereLayer("Parse").mayOnlyBeAccessedByLayers("Detect", "Group", "Guard", "Triage", "Pipeline")
                .whereLayer("Ingest").mayOnlyBeAccessedByLayers("Pipeline")
                .whereLayer("Verdict").mayOnlyBeAccessedByLayers("Pipeline", "Api", "Approval", "Remediate")
                .whereLayer("Base").mayOnlyBeAccessedByLayers("Functions", "Pipeline", "Api", "Approval", "Remediate", "Triage",
                        "Detect", "Guard", "Group", "Parse", "Ingest", "Verdict");
    }

    @Test
    void layers_onlyPointDown() {
        layers().check(classes);
    }

    @Test
    void packages_areFreeOfCycles() {
        slices().matching("dev.soctriage.(**)").should().beFreeOfCycles().check(classes);
    }

    /** The vocabulary knows nothing of the stages: enums and records, no logic beyond their own. */
    @Test
    void vocabulary_dependsOnNothingElseOfOurs() {
        noClasses().that().resideInAPackage("dev.soctriage.model..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.soctriage.text..", "dev.soctriage.net..", "dev.soctriage.secrets..",
                        "dev.soctriage.metrics..",
                        "dev.soctriage.ingest..", "dev.soctriage.parse..", "dev.soctriage.group..",
                        "dev.soctriage.guard..", "dev.soctriage.triage..", "dev.soctriage.verdict..",
                        "dev.soctriage.remediate..", "dev.soctriage.pipeline..", "dev.soctriage.api..",
                        "dev.soctriage.approval..",
                        "dev.soctriage.function..")
                .check(classes);
    }

    /**
     * No Bean Validation constraint on a configuration mapping (or a group nested in one): any such
     * constraint makes Quarkus build a validator factory while it reads the configuration, in every
     * function's cold start (docs/startup.md). Ranges are checked in code at start ({@code *ConfigCheck}).
     */
    @Test
    void configMappings_carryNoConstraints() {
        DescribedPredicate<JavaClass> mapping = DescribedPredicate.describe("config mappings",
                c -> c.isAnnotatedWith(ConfigMapping.class)
                        || c.getEnclosingClass().map(e -> e.isAnnotatedWith(ConfigMapping.class)).orElse(false));
        noMethods().that().areDeclaredInClassesThat(mapping).should().beMetaAnnotatedWith(Constraint.class)
                .because("constraints on config mappings cost every cold start a validator factory (docs/startup.md)")
                .check(classes);
    }
}
