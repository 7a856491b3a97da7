package fi.mentoringledger.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The query side's boundaries. */
@AnalyzeClasses(packages = "fi.mentoringledger.query", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule theQuerySideNeverImportsTheCommandSide = noClasses()
            .should().dependOnClassesThat().resideInAPackage("fi.mentoringledger.command..");

    @ArchTest
    static final ArchRule featuresDoNotReachIntoEachOther = slices()
            .matching("fi.mentoringledger.query.(summary|history|report)..")
            .should().notDependOnEachOther();

    @ArchTest
    static final ArchRule theInfrastructureKnowsNoFeature = noClasses()
            .that().resideInAPackage("fi.mentoringledger.query.infra..")
            .should().dependOnClassesThat().resideInAnyPackage("fi.mentoringledger.query.summary..",
                    "fi.mentoringledger.query.history..", "fi.mentoringledger.query.report..",
                    "fi.mentoringledger.query.admin..");

    @ArchTest
    static final ArchRule replayWorksOnAnyProjectionNotOnParticularOnes = noClasses()
            .that().resideInAPackage("fi.mentoringledger.query.admin..")
            .should().dependOnClassesThat().resideInAnyPackage("fi.mentoringledger.query.summary..",
                    "fi.mentoringledger.query.history..", "fi.mentoringledger.query.report..");

    @ArchTest
    static final ArchRule projectionsAreNotWebControllers = noClasses()
            .that().haveSimpleNameEndingWith("Projection")
            .should().dependOnClassesThat().resideInAPackage("org.springframework.web..");
}
