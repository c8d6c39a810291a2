package io.eventpipeline.local.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries (issue 14 item 6), checked on the main classes of every module this one
 * depends on (all services, schemas, servers, access, invalidation-client).
 */
class ArchitectureTest {

    private static final String[] SERVICES = {"io.eventpipeline.ingest..", "io.eventpipeline.processor..",
        "io.eventpipeline.projection..", "io.eventpipeline.read.."};
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.eventpipeline");
    }

    @Test
    void shouldNeverImportAnotherServiceWhenAServiceIsCompiled() {
        slices().matching("io.eventpipeline.(ingest|processor|projection|read)..").should().notDependOnEachOther()
                .because("services share only schemas (and the shared access module), never each other's code")
                .check(classes);
    }

    @Test
    void shouldImportNoServiceWhenSchemasIsCompiled() {
        noClasses().that().resideInAPackage("io.eventpipeline.schemas..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(SERVICES, "io.eventpipeline.access..",
                        "io.eventpipeline.servers..", "io.eventpipeline.local..", "org.springframework.."))
                .because("schemas is the wire format every service and client shares: no service, no Spring")
                .check(classes);
    }

    @Test
    void shouldImportNoServiceWhenTheInvalidationClientIsCompiled() {
        noClasses().that().resideInAPackage("io.eventpipeline.invalidation..")
                .should().dependOnClassesThat().resideInAnyPackage(SERVICES)
                .because("downstream teams add the client without any service").check(classes);
    }

    @Test
    void shouldKeepTheServersOutOfEveryServiceWhenTheServicesAreCompiled() {
        noClasses().that().resideInAnyPackage(SERVICES)
                .should().dependOnClassesThat().resideInAPackage("io.eventpipeline.servers..")
                .because("embedded servers are for tests and ./run, never a service's main code").check(classes);
    }

    /** No package cycles inside a module: every module holds it now (issue 14 item 1). */
    @ParameterizedTest
    @ValueSource(strings = {"ingest", "processor", "read", "schemas", "access", "servers", "invalidation", "local",
        "projection"})
    void shouldHaveNoPackageCycleInsideTheModule(String module) {
        slices().matching("io.eventpipeline." + module + ".(*)..").should().beFreeOfCycles()
                .allowEmptyShould(true).check(classes);
    }

    /**
     * SQL text is written only in sql/'s migrations or built by jOOQ: no plain-SQL jOOQ API
     * ({@code @PlainSQL}), no JDBC statement from a string. Listed: the modules where this holds on main
     * (docs/decisions.md D8).
     */
    @ParameterizedTest
    @ValueSource(strings = {"ingest", "processor", "access", "read", "projection"})
    void shouldWriteNoSqlTextOutsideMigrationsAndJooq(String module) {
        noClasses().that().resideInAPackage("io.eventpipeline." + module + "..")
                .should().callCodeUnitWhere(PLAIN_SQL).allowEmptyShould(true).check(classes);
    }

    private static final DescribedPredicate<JavaCall<?>> PLAIN_SQL = DescribedPredicate.describe("plain SQL text",
            call -> call.getTarget().isAnnotatedWith("org.jooq.PlainSQL")
                    || call.getTargetOwner().isAssignableTo("java.sql.Connection") && call.getName().startsWith("prepare")
                    || call.getTargetOwner().isAssignableTo("java.sql.Statement") && call.getName().startsWith("execute")
                    && !call.getTarget().getRawParameterTypes().isEmpty());

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
