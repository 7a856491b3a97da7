package fi.mentoringledger.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The shared language must stay free of frameworks, so both sides (and years of stored events) can rely on it. */
@AnalyzeClasses(packages = "fi.mentoringledger.api", importOptions = ImportOption.DoNotIncludeTests.class)
class SharedApiArchitectureTest {

    @ArchTest
    static final ArchRule importsNoSpring = noClasses().should()
            .dependOnClassesThat().resideInAPackage("org.springframework..");

    @ArchTest
    static final ArchRule importsNoPersistence = noClasses().should()
            .dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "javax.persistence..", "org.hibernate..");

    @ArchTest
    static final ArchRule importsNoJackson = noClasses().should()
            .dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..");
}
