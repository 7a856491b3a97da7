package fi.mentoringledger.command;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.axonframework.spring.stereotype.Aggregate;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "fi.mentoringledger", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandServiceArchitectureTest {

    /** A feature: every package of the command side but the infrastructure (and the application class). */
    private static final DescribedPredicate<JavaClass> FEATURE = resideInAPackage("fi.mentoringledger.command.*..")
            .and(not(resideInAPackage("fi.mentoringledger.command.infra..")))
            .as("a feature of the command side");

    /** Features build on the infrastructure, never the other way round: a command's path leads one way. */
    @ArchTest
    static final ArchRule infrastructureKnowsNoFeature = noClasses()
            .that().resideInAPackage("fi.mentoringledger.command.infra..")
            .should().dependOnClassesThat(FEATURE);

    /** Spring and Axon reach package-private classes; nothing else needs a feature's classes. */
    @ArchTest
    static final ArchRule featureClassesArePackagePrivate = classes()
            .that(FEATURE)
            .should().notBePublic();

    @ArchTest
    static final ArchRule aggregatesImportNoWebOrPersistence = noClasses()
            .that().areAnnotatedWith(Aggregate.class)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..",
                    "jakarta.persistence..", "org.hibernate..", "org.springframework.jdbc..",
                    "org.springframework.data..", "com.fasterxml.jackson..", "org.springframework.security..");

    @ArchTest
    static final ArchRule commandSideNeverImportsQuerySide = noClasses()
            .that().resideInAPackage("fi.mentoringledger.command..")
            .should().dependOnClassesThat().resideInAPackage("fi.mentoringledger.query..");

    @ArchTest
    static final ArchRule aggregatesAreNotPublic = classes()
            .that().areAnnotatedWith(Aggregate.class)
            .should().notBePublic();

    @ArchTest
    static final ArchRule relationshipPackageDoesNotReachIntoInfraInternals = noClasses()
            .that().resideInAPackage("fi.mentoringledger.command.relationship..")
            .should().dependOnClassesThat().resideInAPackage("org.axonframework.eventsourcing.eventstore..");
}
