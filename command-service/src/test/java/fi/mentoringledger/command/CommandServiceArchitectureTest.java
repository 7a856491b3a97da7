package fi.mentoringledger.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.axonframework.spring.stereotype.Aggregate;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "fi.mentoringledger", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandServiceArchitectureTest {

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
