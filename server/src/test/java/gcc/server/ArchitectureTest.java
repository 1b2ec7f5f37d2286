package gcc.server;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import gcc.client.GateClient;
import gcc.decision.Reason;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The import scan that keeps the layering of {@code docs/architecture.md}: it reads the compiled
 * main classes of core, client and server (not tests, not other modules) and fails on a package
 * cycle or on any of the arrows that must never exist.
 */
class ArchitectureTest {
    private static final String[] TRANSPORTS = {"io.netty..", "net.openhft..", "org.apache.kafka.."};

    private static final Location CORE_MAIN = location(Reason.class);
    private static final Location CLIENT_MAIN = location(GateClient.class);
    private static final Location SERVER_MAIN = location(GateNode.class);
    private static final JavaClasses ALL = new ClassFileImporter().importLocations(Set.of(CORE_MAIN, CLIENT_MAIN, SERVER_MAIN));
    private static final JavaClasses CORE = new ClassFileImporter().importLocations(Set.of(CORE_MAIN));
    private static final JavaClasses CLIENT = new ClassFileImporter().importLocations(Set.of(CLIENT_MAIN));
    private static final JavaClasses SERVER = new ClassFileImporter().importLocations(Set.of(SERVER_MAIN));

    private static Location location(Class<?> anchor) {
        try {
            return Location.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DescribedPredicate<JavaClass> namedIn(String pkg, String... simpleNames) {
        Set<String> allowed = Set.of(simpleNames);
        return DescribedPredicate.describe(pkg + " other than " + allowed, c -> c.getPackageName().equals(pkg)
                && !allowed.contains(c.getSimpleName()) && !allowed.contains(outer(c).getSimpleName()));
    }

    private static JavaClass outer(JavaClass c) {
        return c.getEnclosingClass().map(ArchitectureTest::outer).orElse(c);
    }

    @Test
    void shouldHaveNoPackageCyclesInCoreClientAndServer() {
        slices().matching("gcc.(*)..").should().beFreeOfCycles().check(ALL);
    }

    @Test
    void coreShouldImportNoTransportNorStorage() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(TRANSPORTS)
                .because("core is the domain without I/O").check(CORE);
    }

    @Test
    void clientShouldUseOnlyTheWireFormatAndTheDecisionOutcome() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("gcc.cbor..", "gcc.code..", "gcc.crypto..",
                        "gcc.policy..", "gcc.registry..", "gcc.report..", "gcc.rules..", "gcc.time..", "gcc.trust..", "gcc.verify..")
                .because("a gate SDK needs the frames and the outcome, nothing of the verifier").check(CLIENT);
        noClasses().should().dependOnClassesThat(namedIn("gcc.decision", "Outcome", "Reason", "Language"))
                .because("the client reports an outcome and its reasons (in either language), it does not decide").check(CLIENT);
    }

    @Test
    void codecsShouldImportNoTransport() {
        ArchRule rule = noClasses().that().resideInAnyPackage("gcc.code..", "gcc.cbor..", "gcc.gate..")
                .should().dependOnClassesThat().resideInAnyPackage(TRANSPORTS)
                .orShould().dependOnClassesThat().resideInAnyPackage("gcc.transport..", "gcc.gatetcp..", "gcc.http..",
                        "java.net..", "java.nio.channels..")
                .because("codecs are pure functions over bytes; transports only move frames");
        rule.check(ALL);
    }

    @Test
    void rulesShouldSeeOnlyTheRegistryInterface() {
        noClasses().that().resideInAPackage("gcc.rules..")
                .should().dependOnClassesThat(namedIn("gcc.registry", "ReportRegistry", "ReportRecord", "ReportStatus",
                        "RecallScopes"))
                .because("rules read a registry through its lookup and its recalls snapshot, never an implementation").check(ALL);
        noClasses().that().resideInAPackage("gcc.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("gcc.verify..", "gcc.server..")
                .check(ALL);
    }

    @Test
    void onlyTheCompositionRootShouldKnowTheNode() {
        noClasses().that().resideOutsideOfPackages("gcc.server..", "gcc.cli..")
                .should().dependOnClassesThat().resideInAPackage("gcc.server..")
                .because("gcc.server composes the features; a feature that imports it would depend upward").check(SERVER);
    }

    @Test
    void featuresShouldUseEachOthersInterfacesNotImplementations() {
        // gcc.cluster is the Kafka-mode implementation of the registry (an index materialized from a
        // topic) and of audit forwarding, so it builds on their implementation classes like they do.
        noClasses().that().resideOutsideOfPackages("gcc.server..", "gcc.cli..", "gcc.registry..", "gcc.cluster..")
                .should().dependOnClassesThat(namedIn("gcc.registry", "RegistryService", "RegistryEvent", "ReportRecord",
                        "ReportRegistry", "ReportStatus", "RecordStore", "RegistryTransitions", "RecallScopes", "RegistryLink", "StatusChange"))
                .because("only the composition root and tools choose the registry implementation").check(ALL);
        // The read side (AuditQuery over the journal's files, AuditJson for its records) is the audit's
        // published query API, used by gatectl audit and the customs HTTP route alike; the writer
        // (AuditJournal, its upkeep and files) stays the composition root's choice.
        noClasses().that().resideOutsideOfPackages("gcc.server..", "gcc.cli..", "gcc.audit..", "gcc.cluster..")
                .should().dependOnClassesThat(namedIn("gcc.audit", "DecisionAudit", "DecisionEntry", "AuditQuery", "AuditJson",
                        "AuditRecord"))
                .because("only the composition root and tools choose the audit implementation").check(SERVER);
    }

    @Test
    void listenersShouldBeWiredOnlyByTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackages("gcc.server..", "gcc.gatetcp..")
                .should().dependOnClassesThat().resideInAPackage("gcc.gatetcp..").check(SERVER);
        noClasses().that().resideInAnyPackage("gcc.gatetcp..", "gcc.http..", "gcc.metrics..", "gcc.recorder..",
                        "gcc.admin..", "gcc.transport..")
                .should().dependOnClassesThat().resideInAnyPackage("gcc.cli..", "gcc.server..").check(SERVER);
    }
}
