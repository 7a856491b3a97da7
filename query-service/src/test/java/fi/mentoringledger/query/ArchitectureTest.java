package fi.mentoringledger.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import fi.mentoringledger.query.summary.RelationshipVisibility;

/** The query side's boundaries. */
@AnalyzeClasses(packages = "fi.mentoringledger.query", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule theQuerySideNeverImportsTheCommandSide = noClasses()
            .should().dependOnClassesThat().resideInAPackage("fi.mentoringledger.command..");

    /**
     * A feature reads only its own tables. The one exception is named: who may see a relationship
     * is decided by the summary's table, next to which the rule lives ({@code RelationshipVisibility}),
     * and the history asks it.
     */
    @ArchTest
    static final ArchRule featuresDoNotReachIntoEachOther = slices()
            .matching("fi.mentoringledger.query.(summary|history|report)..")
            .should().notDependOnEachOther()
            .ignoreDependency(JavaClass.Predicates.resideInAPackage("fi.mentoringledger.query.history.."),
                    JavaClass.Predicates.equivalentTo(RelationshipVisibility.class));

    /** Reports of time build on the outcome report's reading of histories; the outcome report knows none of them. */
    @ArchTest
    static final ArchRule theOutcomeReportDoesNotKnowTheReportsBuiltOnIt = noClasses()
            .that().resideInAPackage("fi.mentoringledger.query.report")
            .should().dependOnClassesThat().resideInAnyPackage("fi.mentoringledger.query.report.retention..",
                    "fi.mentoringledger.query.report.warning..");

    /** Event processing and web handling serve every feature and know none. */
    @ArchTest
    static final ArchRule theInfrastructureKnowsNoFeature = noClasses()
            .that().resideInAnyPackage("fi.mentoringledger.query.processing..", "fi.mentoringledger.query.web..")
            .should().dependOnClassesThat().resideInAnyPackage("fi.mentoringledger.query.summary..",
                    "fi.mentoringledger.query.history..", "fi.mentoringledger.query.report..",
                    "fi.mentoringledger.query.admin..", "fi.mentoringledger.query.relay..",
                    "fi.mentoringledger.query.dashboard..");

    /** Processing never answers requests, and the web layer never processes events. */
    @ArchTest
    static final ArchRule processingAndWebAreApart = noClasses()
            .that().resideInAPackage("fi.mentoringledger.query.processing..")
            .should().dependOnClassesThat().resideInAPackage("fi.mentoringledger.query.web..");

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
