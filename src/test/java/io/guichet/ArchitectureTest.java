package io.guichet;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Modules talk through each other's public face only: never another module's internal or web package. */
class ArchitectureTest {
    static final List<String> MODULES = List.of("identity", "people", "inbox", "kb", "live", "channels", "platform");
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.guichet");

    @Test
    void noModuleReachesIntoAnotherModulesPrivateParts() {
        for (String module : MODULES) {
            for (String other : MODULES) {
                if (module.equals(other) || other.equals("platform")) continue;
                noClasses().that().resideInAPackage("io.guichet." + module + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(
                                "io.guichet." + other + ".internal..", "io.guichet." + other + ".web..")
                        .allowEmptyShould(true)
                        .check(CLASSES);
            }
        }
    }

    @Test
    void theDatabaseIsReachedOnlyThroughDaosAndServices() {
        noClasses().that().resideInAPackage("..web..")
                .should().dependOnClassesThat().resideInAPackage("..internal..")
                .check(CLASSES);
    }

    @Test
    void thePlatformKnowsNoModule() {
        noClasses().that().resideInAPackage("io.guichet.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("io.guichet.identity..", "io.guichet.people..",
                        "io.guichet.inbox..", "io.guichet.kb..", "io.guichet.live..", "io.guichet.channels..")
                .check(CLASSES);
    }

    @Test
    void theLoadGeneratorUsesThePublicApiOnly() {
        noClasses().that().resideInAPackage("io.guichet.loadtest..")
                .should().dependOnClassesThat().resideInAnyPackage("io.guichet.platform..", "io.guichet.identity..",
                        "io.guichet.people..", "io.guichet.inbox..", "io.guichet.kb..", "io.guichet.live..", "io.guichet.channels..")
                .check(CLASSES);
    }
}
