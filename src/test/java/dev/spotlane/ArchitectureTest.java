package dev.spotlane;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The package structure from {@code STYLE.md}, checked on the main classes (tests are not imported, so test code
 * may print). Dependencies point downward:
 * {@code cli → gitlab, report, lint, transform, images → resolve, policy → model → yaml}, and
 * {@code cli → fleet → policy} (the runner side: config.toml, IAM policy, cost simulation), and
 * {@code cli → registry → model} (the OCI registry client behind {@code images --platforms}, the only network
 * access besides the GitLab adapters, beside {@code gitlab} so the lint path cannot reach it); only {@code yaml} sees
 * snakeyaml-engine; only {@code cli} prints or exits. Packages that do not exist yet are optional layers.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.spotlane");

    @Test
    void layersDependOnlyDownward() {
        ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("cli").definedBy("dev.spotlane.cli..")
                .layer("gitlab").definedBy("dev.spotlane.gitlab..")
                .layer("registry").definedBy("dev.spotlane.registry..")
                .layer("report").definedBy("dev.spotlane.report..")
                .layer("lint").definedBy("dev.spotlane.lint..")
                .layer("transform").definedBy("dev.spotlane.transform..")
                .layer("images").definedBy("dev.spotlane.images..")
                .layer("fleet").definedBy("dev.spotlane.fleet..")
                .layer("resolve").definedBy("dev.spotlane.resolve..")
                .layer("policy").definedBy("dev.spotlane.policy..")
                .layer("model").definedBy("dev.spotlane.model..")
                .layer("yaml").definedBy("dev.spotlane.yaml..")

                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                // peers (gitlab, report, lint, transform, images) use each other only as listed here
                .whereLayer("gitlab").mayOnlyBeAccessedByLayers("cli")
                // the registry client reads the network: only the command line may call it (never lint or fix)
                .whereLayer("registry").mayOnlyBeAccessedByLayers("cli")
                // fleet writes the simulator's JSON report with report's JSON writer
                .whereLayer("report").mayOnlyBeAccessedByLayers("cli", "gitlab", "fleet")
                .whereLayer("lint").mayOnlyBeAccessedByLayers("cli", "gitlab", "report")
                // report renders fix summaries, so report -> transform is allowed
                .whereLayer("transform").mayOnlyBeAccessedByLayers("cli", "gitlab", "lint", "report")
                // report renders the image inventory ('spotlane images'), so report -> images is allowed too
                .whereLayer("images").mayOnlyBeAccessedByLayers("cli", "gitlab", "lint", "report")
                // the fleet (runner side: config.toml, IAM policy, cost simulation) serves the command line only
                .whereLayer("fleet").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("resolve").mayOnlyBeAccessedByLayers(
                        "cli", "gitlab", "report", "lint", "transform", "images")
                .whereLayer("policy").mayOnlyBeAccessedByLayers(
                        "cli", "gitlab", "report", "lint", "transform", "images", "fleet")
                .whereLayer("model").mayOnlyBeAccessedByLayers(
                        "cli", "gitlab", "report", "lint", "transform", "images", "resolve", "policy", "fleet",
                        "registry")
                .whereLayer("yaml").mayOnlyBeAccessedByLayers(
                        "cli", "gitlab", "report", "lint", "transform", "images", "resolve", "policy", "model",
                        "fleet");
        rule.check(CLASSES);
    }

    @Test
    void onlyYamlUsesSnakeyaml() {
        noClasses().that().resideOutsideOfPackage("dev.spotlane.yaml..")
                .should().dependOnClassesThat().resideInAPackage("org.snakeyaml..")
                .because("the yaml package is the only one that knows snakeyaml-engine (STYLE.md)")
                .check(CLASSES);
    }

    @Test
    void onlyCliPrintsOrExits() {
        noClasses().that().resideOutsideOfPackage("dev.spotlane.cli..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().callMethod(System.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "halt", int.class)
                .because("stdout is for machine output and exit codes are declared in one place: only cli prints"
                        + " or exits")
                .check(CLASSES);
    }

    /**
     * Lint, fix, the resolver and the bake decide offline: only the registry client ({@code images --platforms})
     * and the GitLab adapters open connections. (The platforms file is how registry facts reach the lint path.)
     */
    @Test
    void onlyRegistryAndGitlabTouchTheNetwork() {
        noClasses().that().resideOutsideOfPackages("dev.spotlane.registry..", "dev.spotlane.gitlab..")
                .should().dependOnClassesThat().resideInAPackage("java.net.http..")
                .orShould().dependOnClassesThat().resideInAPackage("org.gitlab4j..")
                .orShould().dependOnClassesThat().belongToAnyOf(java.net.Socket.class, java.net.URLConnection.class,
                        java.net.HttpURLConnection.class, java.net.URL.class,
                        java.nio.channels.SocketChannel.class)
                .because("nothing on the lint path touches the network; registry facts come from the platforms file")
                .check(CLASSES);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("dev.spotlane.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /**
     * The library API ({@code dev.spotlane.Spotlane} and the other classes of the root package) speaks only in the
     * stable vocabulary a hook author uses: the rules ({@code policy}), what a fix plans ({@code transform}), lint
     * findings ({@code lint}), locations and image references ({@code model}), and the JDK. The YAML tree
     * ({@code yaml}), the resolver's internals ({@code resolve}), the printers ({@code report}), the AMI inventory
     * ({@code images}), the GitLab adapters, the CLI and every third-party type (snakeyaml, Jackson, gitlab4j,
     * picocli) stay out of its signatures, so they can change without breaking callers. Checked on parameter,
     * return and thrown types, type arguments included ({@code List<Finding>}).
     */
    @Test
    void theLibraryApiExposesOnlyItsOwnVocabulary() {
        methods().that().areDeclaredInClassesThat().resideInAPackage("dev.spotlane")
                .and().arePublic()
                .should(new ArchCondition<JavaMethod>("use only types of dev.spotlane, its policy, transform, lint"
                        + " and model packages, and java..") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        Set<JavaClass> involved = new LinkedHashSet<>(method.getReturnType().getAllInvolvedRawTypes());
                        method.getParameterTypes().forEach(t -> involved.addAll(t.getAllInvolvedRawTypes()));
                        method.getThrowsClause().getTypes().forEach(involved::add);
                        for (JavaClass type : involved) {
                            if (!apiType(type)) {
                                events.add(SimpleConditionEvent.violated(method, method.getFullName()
                                        + " exposes " + type.getName()));
                            }
                        }
                    }
                })
                .because("a Renovate hook or another program compiles against this API; internals must be free to"
                        + " change")
                .check(CLASSES);
    }

    private static boolean apiType(JavaClass type) {
        JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
        if (base.isPrimitive()) {
            return true;
        }
        String pkg = base.getPackageName();
        return pkg.equals("dev.spotlane") || pkg.startsWith("java.")
                || List.of("policy", "transform", "lint", "model").stream()
                        .anyMatch(p -> pkg.equals("dev.spotlane." + p) || pkg.startsWith("dev.spotlane." + p + "."));
    }

    @Test
    void noJavaUtilLogging() {
        noClasses().that().resideInAPackage("dev.spotlane..")
                .should().dependOnClassesThat().resideInAPackage("java.util.logging..")
                .check(CLASSES);
    }

    @Test
    void noPrintStackTrace() {
        // callMethod(Throwable.class, ...) matches only calls compiled against Throwable itself; a call on a
        // subclass (e.printStackTrace() with e an IOException) names that subclass, hence the second predicate,
        // which also covers the PrintStream/PrintWriter overloads
        noClasses().that().resideInAPackage("dev.spotlane..")
                .should().callMethod(Throwable.class, "printStackTrace")
                .orShould().callMethodWhere(target(name("printStackTrace"))
                        .and(target(owner(assignableTo(Throwable.class)))))
                .because("errors are reported as findings or one clear line, not stack traces")
                .check(CLASSES);
    }
}
