package dev.spotlane.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.spotlane.policy.Fleet;
import dev.spotlane.policy.ImagePolicy;
import dev.spotlane.policy.InstanceClass;
import dev.spotlane.policy.NamePattern;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.Route;
import dev.spotlane.policy.Routing;
import dev.spotlane.policy.RoutingMode;
import dev.spotlane.resolve.IncludeSource;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.resolve.Resolver;
import dev.spotlane.yaml.YamlParser;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per routing decision rule of {@link Router}. */
class RouterTest {
    private static final Map<String, InstanceClass> CLASSES = classes(
            new InstanceClass("t4g", List.of(), true), new InstanceClass("c7g", List.of("c7g"), false));
    private static final Route HEAVY = route("heavy", List.of("mutation-test*", "*integration-test*"), List.of(),
            List.of(), "c7g");
    private static final Route ANY = route("any", List.of("*"), List.of(), List.of(), "t4g");

    // --- helpers -------------------------------------------------------------------------------------------

    private static Map<String, InstanceClass> classes(InstanceClass... cs) {
        Map<String, InstanceClass> out = new LinkedHashMap<>();
        Arrays.stream(cs).forEach(c -> out.put(c.name(), c));
        return out;
    }

    private static Route route(String name, List<String> jobs, List<String> stages, List<String> parents,
                               String cls) {
        return new Route(name, jobs.stream().map(NamePattern::of).toList(),
                stages.stream().map(NamePattern::of).toList(), parents.stream().map(NamePattern::of).toList(), cls);
    }

    private static Policy policy(RoutingMode mode, Route... routes) {
        return new Policy("test", new Routing(mode, "cloud", List.of("local"), CLASSES, List.of(routes)),
                new ImagePolicy("if-not-present", "always", true, List.of()), new Fleet("us-east-1", Map.of()),
                Map.of());
    }

    /** A pipeline of one file, resolved. */
    private static ResolvedPipeline pipeline(String yaml) {
        IncludeSource none = IncludeSource.none("a one-file pipeline includes nothing");
        ResolvedPipeline p = new Resolver().resolve(new YamlParser().parse(".gitlab-ci.yml", yaml).orElseThrow(),
                none, ".gitlab-ci.yml");
        assertFalse(p.hasErrors(), () -> p.errors().toString());
        return p;
    }

    private static Map<String, Decision> decide(String yaml, Policy policy) {
        Map<String, Decision> out = new LinkedHashMap<>();
        Router.decide(pipeline(yaml), policy).forEach(d -> out.put(d.job(), d));
        return out;
    }

    private static Decision one(String yaml, Policy policy) {
        Map<String, Decision> all = decide(yaml, policy);
        assertEquals(1, all.size(), all::toString);
        return all.values().iterator().next();
    }

    private static void assertDecision(Decision d, Decision.Outcome outcome, List<String> to, String route) {
        assertEquals(outcome, d.outcome(), d::toString);
        assertEquals(to, d.to(), d::toString);
        assertEquals(route, d.route(), d::toString);
    }

    // --- explicit and overflow -------------------------------------------------------------------------------

    @Test
    void explicitGivesTheCloudTagPlusTheClassTags() {
        Map<String, Decision> d = decide("""
                build: {script: [make]}
                mutation-test: {tags: [local], script: [m]}
                """, policy(RoutingMode.EXPLICIT, HEAVY, ANY));
        assertDecision(d.get("build"), Decision.Outcome.MOVE, List.of("cloud"), "any");
        assertEquals("t4g", d.get("build").className());
        assertEquals(List.of(), d.get("build").from());
        assertDecision(d.get("mutation-test"), Decision.Outcome.MOVE, List.of("cloud", "c7g"), "heavy");
        assertEquals("c7g", d.get("mutation-test").className());
        assertEquals(List.of("local"), d.get("mutation-test").from());
    }

    @Test
    void explicitLeavesJobsNoRouteMatches() {
        Decision d = one("build: {tags: [local], script: [make]}\n", policy(RoutingMode.EXPLICIT, HEAVY));
        assertDecision(d, Decision.Outcome.NO_ROUTE, List.of("local"), null);
        assertNull(d.className());
        assertEquals("", d.reason());
    }

    @Test
    void overflowDefaultClassGivesNoTags() {
        Map<String, Decision> d = decide("""
                build: {script: [make]}
                lint: {tags: [local], script: [lint]}
                """, policy(RoutingMode.OVERFLOW, HEAVY, ANY));
        assertDecision(d.get("build"), Decision.Outcome.COMPLIANT, List.of(), "any");
        assertDecision(d.get("lint"), Decision.Outcome.MOVE, List.of(), "any");
    }

    @Test
    void overflowNonDefaultClassStillGetsCloudAndClassTags() {
        Decision d = one("api-integration-test: {script: [it]}\n", policy(RoutingMode.OVERFLOW, HEAVY, ANY));
        assertDecision(d, Decision.Outcome.MOVE, List.of("cloud", "c7g"), "heavy");
    }

    @Test
    void alreadyRoutedJobsAreCompliantWhateverTheOrderOfTheirTags() {
        Map<String, Decision> d = decide("""
                build: {tags: [cloud], script: [make]}
                mutation-test: {tags: [c7g, cloud], script: [m]}
                """, policy(RoutingMode.EXPLICIT, HEAVY, ANY));
        assertDecision(d.get("build"), Decision.Outcome.COMPLIANT, List.of("cloud"), "any");
        assertDecision(d.get("mutation-test"), Decision.Outcome.COMPLIANT, List.of("c7g", "cloud"), "heavy");
    }

    @Test
    void cloudTagsMayBeReplacedByTheRightClass() {
        Map<String, Decision> d = decide("""
                build: {tags: [cloud, c7g], script: [make]}
                mutation-test: {tags: [cloud], script: [m]}
                """, policy(RoutingMode.EXPLICIT, HEAVY, ANY));
        assertDecision(d.get("build"), Decision.Outcome.MOVE, List.of("cloud"), "any");
        assertDecision(d.get("mutation-test"), Decision.Outcome.MOVE, List.of("cloud", "c7g"), "heavy");
    }

    // --- jobs that stay where they are -----------------------------------------------------------------------

    @Test
    void aForeignTagKeepsTheJob() {
        Decision d = one("train: {tags: [local, gpu], script: [train]}\n", policy(RoutingMode.EXPLICIT, ANY));
        assertDecision(d, Decision.Outcome.KEEP, List.of("local", "gpu"), null);
        assertEquals("tag \"gpu\" is neither a local nor a cloud tag", d.reason());
    }

    @Test
    void aTagHoldingAVariableKeepsTheJob() {
        Decision d = one("""
                deploy:
                  parallel:
                    matrix:
                      - PROVIDER: [aws, gcp]
                  tags: [$PROVIDER]
                  script: [deploy]
                """, policy(RoutingMode.EXPLICIT, ANY));
        assertDecision(d, Decision.Outcome.KEEP, List.of("$PROVIDER"), null);
        assertEquals("tag \"$PROVIDER\" holds a variable", d.reason());
    }

    @Test
    void aTriggerJobIsKept() {
        Decision d = one("child: {trigger: {include: child.yml}}\n", policy(RoutingMode.EXPLICIT, ANY));
        assertDecision(d, Decision.Outcome.KEEP, List.of(), null);
        assertEquals("trigger job: runs on no runner", d.reason());
    }

    @Test
    void theKeepLocalMarkerOnTheKeyLineKeepsTheJob() {
        Map<String, Decision> d = decide("""
                deploy:  # spotlane: keep-local (VPN only)
                  tags: [local]
                  script: [deploy]
                build:
                  # spotlane: keep-local is only honoured on the job's key line
                  tags: [local]
                  script: [make]
                """, policy(RoutingMode.EXPLICIT, ANY));
        assertDecision(d.get("deploy"), Decision.Outcome.KEEP, List.of("local"), null);
        assertEquals("marked \"# spotlane: keep-local\"", d.get("deploy").reason());
        assertDecision(d.get("build"), Decision.Outcome.MOVE, List.of("cloud"), "any");
    }

    // --- matching --------------------------------------------------------------------------------------------

    @Test
    void theFirstMatchingRouteWins() {
        Policy anyFirst = policy(RoutingMode.EXPLICIT, ANY, HEAVY);
        assertDecision(one("mutation-test: {script: [m]}\n", anyFirst), Decision.Outcome.MOVE, List.of("cloud"),
                "any");
        Policy heavyFirst = policy(RoutingMode.EXPLICIT, HEAVY, ANY);
        assertDecision(one("mutation-test: {script: [m]}\n", heavyFirst), Decision.Outcome.MOVE,
                List.of("cloud", "c7g"), "heavy");
    }

    @Test
    void stageMatcherUsesTheResolvedStageWithTestAsDefault() {
        Route tests = route("tests", List.of(), List.of("test"), List.of(), "c7g");
        Map<String, Decision> d = decide("""
                .test: {stage: test}
                inherited: {extends: .test, script: [a]}
                implicit: {script: [b]}
                built: {stage: build, script: [c]}
                """, policy(RoutingMode.EXPLICIT, tests));
        assertDecision(d.get("inherited"), Decision.Outcome.MOVE, List.of("cloud", "c7g"), "tests");
        assertDecision(d.get("implicit"), Decision.Outcome.MOVE, List.of("cloud", "c7g"), "tests");
        assertDecision(d.get("built"), Decision.Outcome.NO_ROUTE, List.of(), null);
    }

    @Test
    void extendsMatcherLooksAtTheDirectParents() {
        Route heavy = route("heavy", List.of(), List.of(), List.of(".heavy*"), "c7g");
        Map<String, Decision> d = decide("""
                .heavy-base: {script: [x]}
                .light: {script: [y]}
                .indirect: {extends: .heavy-base}
                one: {extends: .heavy-base}
                listed: {extends: [.light, .heavy-base]}
                grandchild: {extends: .indirect}
                none: {script: [z]}
                """, policy(RoutingMode.EXPLICIT, heavy));
        assertDecision(d.get("one"), Decision.Outcome.MOVE, List.of("cloud", "c7g"), "heavy");
        assertDecision(d.get("listed"), Decision.Outcome.MOVE, List.of("cloud", "c7g"), "heavy");
        assertDecision(d.get("grandchild"), Decision.Outcome.NO_ROUTE, List.of(), null);
        assertDecision(d.get("none"), Decision.Outcome.NO_ROUTE, List.of(), null);
    }

    @Test
    void everyCriterionOfARouteMustMatch() {
        Route r = route("unit-in-test", List.of("unit-*"), List.of("test"), List.of(), "c7g");
        Map<String, Decision> d = decide("""
                unit-a: {stage: test, script: [a]}
                unit-b: {stage: build, script: [b]}
                other: {stage: test, script: [c]}
                """, policy(RoutingMode.EXPLICIT, r));
        assertDecision(d.get("unit-a"), Decision.Outcome.MOVE, List.of("cloud", "c7g"), "unit-in-test");
        assertDecision(d.get("unit-b"), Decision.Outcome.NO_ROUTE, List.of(), null);
        assertDecision(d.get("other"), Decision.Outcome.NO_ROUTE, List.of(), null);
    }

    @Test
    void regexPatternsMatchAnywhereGlobsMatchTheWholeName() {
        Route regex = route("regex", List.of("/integration/"), List.of(), List.of(), "c7g");
        Route anchored = route("anchored", List.of("/^e2e-[0-9]+$/"), List.of(), List.of(), "c7g");
        Route glob = route("glob", List.of("integration"), List.of(), List.of(), "t4g");
        Map<String, Decision> d = decide("""
                api-integration-check: {script: [a]}
                e2e-12: {script: [b]}
                e2e-12-slow: {script: [c]}
                integration: {script: [d]}
                """, policy(RoutingMode.EXPLICIT, anchored, glob, regex));
        assertDecision(d.get("api-integration-check"), Decision.Outcome.MOVE, List.of("cloud", "c7g"), "regex");
        assertDecision(d.get("e2e-12"), Decision.Outcome.MOVE, List.of("cloud", "c7g"), "anchored");
        assertDecision(d.get("e2e-12-slow"), Decision.Outcome.NO_ROUTE, List.of(), null);
        assertDecision(d.get("integration"), Decision.Outcome.MOVE, List.of("cloud"), "glob");
    }

    @Test
    void globsTreatRegexCharactersLiterally() {
        assertEquals(true, NamePattern.of("build.linux?").matches("build.linux1"));
        assertEquals(false, NamePattern.of("build.linux?").matches("buildxlinux1"));
        assertEquals(true, NamePattern.of("test:*").matches("test:unit [1/2]"));
        assertEquals(false, NamePattern.of("test").matches("unit-test"));
    }

    // --- needs found once ------------------------------------------------------------------------------------

    @Test
    void routesByTheNeedsItIsGivenAndFindsTheSameOnes() {
        ResolvedPipeline p = pipeline("""
                build: {services: ["docker:27-dind"], script: [make]}
                lint: {script: [lint]}
                """);
        Policy policy = policy(RoutingMode.EXPLICIT, ANY);
        Map<String, JobNeeds> needs = JobNeedsFinder.of(p, policy.platforms());
        // lint finds the needs once and routes by them: the same decisions as finding them here
        assertEquals(Router.decide(p, policy), Router.decide(p, policy, needs));
        assertEquals(Decision.Outcome.KEEP, Router.decide(p, policy, needs).get(0).outcome());
        // and they are what it routes by, not found again: without the privileged need the job moves
        Map<String, JobNeeds> none = Map.of("build", new JobNeeds("build", List.of()),
                "lint", new JobNeeds("lint", List.of()));
        assertDecision(Router.decide(p, policy, none).get(0), Decision.Outcome.MOVE, List.of("cloud"), "any");
    }
}
