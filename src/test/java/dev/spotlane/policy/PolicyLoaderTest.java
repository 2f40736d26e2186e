package dev.spotlane.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.model.Location;
import dev.spotlane.yaml.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules file: the bundled default is schema-valid, and every kind of bad rules file is refused with the file,
 * line and column of the offending value and a message that starts lowercase and ends with its rule id.
 */
class PolicyLoaderTest {
    private static final String VALID = """
            version: 1
            routing:
              policy: explicit
              classes:
                t4g: { tags: [], default: true }
                c7g: { tags: [c7g] }
              routes:
                - { name: heavy, match: { jobs: ["mutation-*"] }, class: c7g }
            """;

    private static Policy load(String text) throws PolicyException {
        return PolicyLoader.load(new Source("rules.yml", text), Path.of("/repo"));
    }

    /** The one problem loading {@code text} reports, as {@code path:line:col: message}. */
    private static String problem(String text) {
        PolicyException e = assertThrows(PolicyException.class, () -> load(text));
        assertEquals(1, e.problems().size(), e::getMessage);
        String message = e.problems().get(0).message();
        assertTrue(Character.isLowerCase(message.charAt(0)), message);
        assertTrue(message.endsWith(" [rules-schema]") || message.endsWith(" [rules-syntax]"), message);
        assertFalse(message.contains("\n"), message);
        return e.getMessage();
    }

    @Test
    void theBundledRulesValidateAgainstTheSchema() throws Exception {
        Path rules = Path.of("rules/spotlane.yml");
        Policy policy = PolicyLoader.load(Source.read(rules), rules.getParent());
        assertEquals("rules/spotlane.yml", policy.source());
        Routing routing = policy.routing();
        assertEquals(RoutingMode.EXPLICIT, routing.mode());
        assertEquals("cloud", routing.cloudTag());
        assertEquals(List.of("local"), routing.localTags());
        assertEquals(List.of("t4g", "c7g"), List.copyOf(routing.classes().keySet()));
        assertEquals("t4g", routing.defaultClass().name());
        assertEquals(List.of("c7g"), routing.classes().get("c7g").tags());
        assertEquals(List.of("heavy-tests", "short-jobs"), routing.routes().stream().map(Route::name).toList());
        assertEquals("if-not-present", policy.images().policyFor(true));
        assertEquals("always", policy.images().policyFor(false));
        assertFalse(policy.images().requirePinnedServices());
        assertEquals(List.of(Path.of("rules/ci/ami/images.txt")), policy.images().allowlist());
        assertEquals("us-east-1", policy.fleet().region());
        assertEquals(List.of("t4g.medium", "c7g.large"), List.copyOf(policy.fleet().instanceTypes().keySet()));
    }

    @Test
    void theBundledPolicyIsTheRulesFileShippedInTheJar() throws Exception {
        Policy bundled = PolicyLoader.bundled();
        Policy file = PolicyLoader.load(Source.read(Path.of("rules/spotlane.yml")), Path.of("."));
        assertEquals(PolicyLoader.BUNDLED, bundled.source());
        assertEquals(file.routing(), bundled.routing());
        assertEquals(file.images(), bundled.images());
        assertEquals(file.fleet(), bundled.fleet());
    }

    @Test
    void loadsARulesFileFromDiskWithItsPathAsSource(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve(".spotlane.yml");
        Files.writeString(rules, VALID.replace("policy: explicit", "policy: overflow")
                + "images:\n  allowlist: [ami/list.txt]\n");
        Policy policy = PolicyLoader.load(rules);
        assertEquals(rules.toString(), policy.source());
        assertEquals(RoutingMode.OVERFLOW, policy.routing().mode());
        assertEquals(List.of(), policy.routing().localTags());
        assertEquals(List.of(dir.toAbsolutePath().resolve("ami/list.txt")), policy.images().allowlist());
    }

    @Test
    void yamlSyntaxErrorAtItsPosition() {
        assertEquals("rules.yml:4:10: expected ',' or ']', but got : (while parsing a flow sequence at 3:11)"
                + " [rules-syntax]", problem("version: 1\nrouting:\n  policy: [explicit\n  classes: {}\n"));
    }

    @Test
    void schemaErrorWrongEnumValueAtTheValue() {
        assertEquals("rules.yml:3:11: routing.policy: does not have a value in the enumeration"
                + " [\"explicit\", \"overflow\"] [rules-schema]", problem(VALID.replace("explicit", "spillover")));
    }

    /**
     * The schema's enums are compiled as patterns (the validator would otherwise start Jackson's object mapper on
     * every run): a wrong value, and a value of another type, still read as the enum they break.
     */
    @Test
    void schemaErrorNonStringEnumValueReadsAsTheEnum() {
        assertEquals("rules.yml:3:11: routing.policy: does not have a value in the enumeration"
                + " [\"explicit\", \"overflow\"] [rules-schema]", problem(VALID.replace("explicit", "7")));
        assertEquals("rules.yml:3:11: routing.policy: does not have a value in the enumeration"
                + " [\"explicit\", \"overflow\"] [rules-schema]", problem(VALID.replace("explicit", "[a]")));
    }

    @Test
    void schemaErrorUnknownKeyAtTheKey() {
        assertEquals("rules.yml:4:3: routing: property 'cloud_tags' is not defined in the schema and the schema"
                + " does not allow additional properties [rules-schema]",
                problem(VALID.replace("  policy: explicit\n", "  policy: explicit\n  cloud_tags: [cloud]\n")));
    }

    @Test
    void schemaErrorWrongTypeAtTheValue() {
        assertEquals("rules.yml:4:15: routing.local_tags: string found, array expected [rules-schema]",
                problem(VALID.replace("  policy: explicit\n", "  policy: explicit\n  local_tags: local\n")));
    }

    @Test
    void schemaErrorNestedValueAtTheValue() {
        assertEquals("rules.yml:10:26: images.pull_policy.pinned: does not have a value in the enumeration"
                + " [\"always\", \"if-not-present\", \"never\"] [rules-schema]",
                problem(VALID + "images:\n  pull_policy: { pinned: sometimes }\n"));
        assertEquals("rules.yml:6:19: routing.classes.c7g.tags[0]: does not match the regex pattern ^[^$]+$"
                + " [rules-schema]", problem(VALID.replace("tags: [c7g]", "tags: [$X]")));
    }

    @Test
    void schemaErrorMissingRoutingAtTheStart() {
        assertEquals("rules.yml:1:1: required property 'routing' not found [rules-schema]",
                problem("version: 1\nimages:\n  require_pinned_services: true\n"));
    }

    @Test
    void schemaErrorWrongVersion() {
        assertEquals("rules.yml:1:10: version: must be the constant value '1' [rules-schema]",
                problem(VALID.replace("version: 1", "version: 2")));
    }

    @Test
    void aRulesFileThatIsNotAMapping() {
        String want = "rules.yml:1:1: the rules file must be a mapping with version: 1 and routing: [rules-schema]";
        assertEquals(want, problem("- version: 1\n"));
        assertEquals(want, problem(""));
    }

    @Test
    void unknownClassInARouteAtTheClassWithTheKnownOnes() {
        assertEquals("rules.yml:8:62: route \"heavy\" names unknown class \"m7g\"; expected one of t4g, c7g"
                + " [rules-schema]", problem(VALID.replace("class: c7g }", "class: m7g }")));
    }

    @Test
    void emptyRoutesList() {
        assertEquals("rules.yml:7:11: routing.routes: must have at least 1 items but found 0 [rules-schema]",
                problem(VALID.replace("  routes:\n    - { name: heavy, match: { jobs: [\"mutation-*\"] }, class: c7g }\n",
                        "  routes: []\n")));
    }

    @Test
    void exactlyOneDefaultClass() {
        assertEquals("rules.yml:5:5: exactly one class must be the default (default: true), found 0 [rules-schema]",
                problem(VALID.replace("{ tags: [], default: true }", "{ tags: [] }")));
        assertEquals("rules.yml:5:5: exactly one class must be the default (default: true), found 2 [rules-schema]",
                problem(VALID.replace("{ tags: [c7g] }", "{ tags: [c7g], default: true }")));
    }

    @Test
    void badRegularExpressionAtThePattern() {
        assertEquals("rules.yml:8:38: invalid regular expression \"/mutation-(/\": missing closing ) [rules-schema]",
                problem(VALID.replace("\"mutation-*\"", "\"/mutation-(/\"")));
    }

    @Test
    void localTagsMustNotHoldTheCloudTag() {
        assertEquals("rules.yml:4:15: local_tags must not hold the cloud tag \"cloud\" [rules-schema]",
                problem(VALID.replace("  policy: explicit\n", "  policy: explicit\n  local_tags: [cloud]\n")));
    }

    @Test
    void instanceTypeOfAnUnknownClass() {
        assertEquals("rules.yml:11:25: instance type \"m7g.large\" names unknown class \"m7g\"; expected one of"
                + " t4g, c7g [rules-schema]",
                problem(VALID + "fleet:\n  instance_types:\n    m7g.large: { class: m7g, vcpu: 2, memory_gib: 8 }\n"));
    }

    @Test
    void rewriteOnlyWithAnEcrPullThroughCache() throws Exception {
        assertEquals("rules.yml:10:51: rewrite: true needs kind: ecr-pull-through (a registry mirror serves images"
                + " under their own names) [rules-schema]",
                problem(VALID + "images:\n  mirror: { url: \"http://10.0.0.5:5000\", rewrite: true }\n"));
        assertEquals(true, ((Mirror.EcrPullThrough) load(VALID + "images:\n  mirror: { kind: ecr-pull-through,"
                + " account: \"123456789012\", region: eu-west-1, rewrite: true }\n").images().mirror()).rewrite());
    }

    @Test
    void everyProblemIsReportedSortedByPosition() {
        PolicyException e = assertThrows(PolicyException.class, () -> load(VALID
                .replace("\"mutation-*\"", "\"/mutation-(/\"")
                .replace("class: c7g }", "class: m7g }")
                .replace("{ tags: [], default: true }", "{ tags: [] }")));
        assertEquals(List.of(new Location("rules.yml", 5, 5), new Location("rules.yml", 8, 38),
                new Location("rules.yml", 8, 64)), e.problems().stream().map(PolicyException.Problem::location).toList());
        assertEquals(3, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void schemaProblemsAreAllReported() {
        PolicyException e = assertThrows(PolicyException.class, () -> load(VALID
                .replace("policy: explicit", "policy: spillover")
                .replace("version: 1", "version: 2")));
        assertEquals(List.of(new Location("rules.yml", 1, 10), new Location("rules.yml", 3, 11)),
                e.problems().stream().map(PolicyException.Problem::location).toList());
    }

    @Test
    void aMissingRulesFileIsAnIoError(@TempDir Path dir) {
        assertThrows(IOException.class, () -> PolicyLoader.load(dir.resolve("missing.yml")));
    }

    @Test
    void fleetCostsAreReadAndCheckedByTheSchema() throws Exception {
        FleetCosts c = load(VALID + """
                fleet:
                  costs:
                    manager: t4g.nano
                    worker_network: nat_gateway
                    root_volume_gb: 20
                    s3_cache: { storage_gb: 2, puts_per_job: 3 }
                    egress_gb_per_month: 12.5
                    prices: { public_ipv4_hour: 0.004 }
                    on_demand: { t4g.nano: 0.0045 }
                """).fleet().costs();
        assertEquals(new FleetCosts("t4g.nano", "nat_gateway", 20.0, null, new FleetCosts.S3Cache(2.0, 3.0, null),
                12.5, java.util.Map.of("public_ipv4_hour", 0.004), java.util.Map.of("t4g.nano", 0.0045)), c);
        assertEquals(FleetCosts.NONE, load(VALID).fleet().costs(), "nothing given: every figure assumed");
        assertTrue(problem(VALID + "fleet:\n  costs: { worker_network: vpn }\n").contains(
                "fleet.costs.worker_network: does not have a value in the enumeration"));
        assertTrue(problem(VALID + "fleet:\n  costs: { prices: { ipv6_hour: 1 } }\n").contains(
                "property 'ipv6_hour' is not defined"));
    }
}
