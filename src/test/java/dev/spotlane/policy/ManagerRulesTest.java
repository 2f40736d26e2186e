package dev.spotlane.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.yaml.Source;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code fleet.manager}: its kind follows {@code fleet.costs.manager} when not written, {@code use_external_addr}
 * follows where it runs, and a value written against that is a problem at its own line and column.
 */
class ManagerRulesTest {
    private static Policy load(String fleet) throws PolicyException {
        return PolicyLoader.load(new Source("rules.yml", """
                version: 1
                routing:
                  policy: explicit
                  classes:
                    t4g: { tags: [t4g], default: true }
                  routes: [{ name: all, match: { jobs: ["*"] }, class: t4g }]
                fleet:
                """ + fleet.indent(2)), Path.of("."));
    }

    private static String problem(String fleet) {
        PolicyException e = assertThrows(PolicyException.class, () -> load(fleet));
        assertEquals(1, e.problems().size(), e::getMessage);
        return e.getMessage();
    }

    @Test
    void nothingWrittenKeepsTheRunnersDefault() throws Exception {
        Fleet f = load("region: eu-west-1").fleet();
        assertFalse(f.manager().known());
        assertFalse(f.useExternalAddr());
        assertTrue(load("connector: { use_external_addr: true }").fleet().useExternalAddr(), "written, kept");
    }

    @Test
    void aManagerOutsideTheVpcUsesTheWorkersPublicAddresses() throws Exception {
        Fleet f = load("manager: { kind: kubernetes, source_cidr: 203.0.113.7/32 }").fleet();
        assertEquals(Manager.Kind.KUBERNETES, f.manager().kind());
        assertTrue(f.manager().outsideVpc());
        assertTrue(f.useExternalAddr());
        assertEquals("203.0.113.7/32", f.manager().sourceCidr());
        assertEquals("fleet.manager.kind \"kubernetes\" at rules.yml:8:20", f.manager().basis());
        assertFalse(load("manager: { kind: kubernetes, in_vpc: true }").fleet().useExternalAddr(), "an EKS in the VPC");
    }

    @Test
    void theKindFollowsTheBill() throws Exception {
        Fleet ec2 = load("costs: { manager: t4g.nano }").fleet();
        assertEquals(Manager.Kind.EC2, ec2.manager().kind());
        assertFalse(ec2.useExternalAddr());
        Fleet home = load("costs: { manager: oracle-free }").fleet();
        assertEquals(Manager.Kind.SYSTEMD, home.manager().kind());
        assertTrue(home.useExternalAddr());
        assertEquals("fleet.costs.manager \"oracle-free\" at rules.yml:8:21", home.manager().basis());
    }

    @Test
    void contradictionsAreProblemsAtTheirLine() {
        assertEquals("rules.yml:9:55: use_external_addr: false contradicts the manager outside the VPC"
                + " (fleet.manager.kind \"systemd\" at rules.yml:8:20): it reaches the workers only at their public"
                + " addresses; remove the key (it follows fleet.manager) or set fleet.manager.in_vpc: true"
                + " [rules-schema]", problem("""
                manager: { kind: systemd }
                connector: { username: ec2-user, use_external_addr: false }
                """));
        assertEquals("rules.yml:8:20: fleet.manager.kind \"ec2\" at rules.yml:8:20 runs the manager on an EC2"
                + " instance, but fleet.costs.manager \"home\" at rules.yml:9:21 bills none; set costs.manager to its"
                + " instance type [rules-schema]", problem("""
                manager: { kind: ec2 }
                costs: { manager: home }
                """));
        assertTrue(problem("""
                manager: { kind: ec2, source_cidr: 203.0.113.7/32 }
                """).startsWith("rules.yml:8:38: source_cidr \"203.0.113.7/32\" admits a manager outside the VPC,"
                + " but it runs inside the VPC"));
        assertTrue(problem("""
                manager: { kind: systemd, security_group: sg-0123456789abcdef0 }
                """).startsWith("rules.yml:8:45: security_group \"sg-0123456789abcdef0\" admits a manager inside"));
        assertTrue(problem("""
                manager: { kind: systemd }
                costs: { worker_network: nat_gateway }
                """).startsWith("rules.yml:9:28: worker_network \"nat_gateway\" leaves the workers without public"));
        assertTrue(problem("""
                manager: { source_cidr: 300.0.113.7/32 }
                """).contains("source_cidr \"300.0.113.7/32\" is not an IPv4 address block"));
        assertTrue(problem("""
                manager: { kind: docker }
                """).startsWith("rules.yml:8:20: fleet.manager.kind: "), "the schema names the kinds");
    }

    @Test
    void theCommandLineKindWinsAndIsCheckedAgainstTheRules() throws Exception {
        Policy p = load("connector: { username: ec2-user }\ncosts: { manager: home }");
        Policy k8s = p.withManager(Manager.Kind.KUBERNETES);
        assertEquals("--manager kubernetes", k8s.fleet().manager().basis());
        assertTrue(k8s.fleet().useExternalAddr());
        PolicyException e = assertThrows(PolicyException.class, () -> p.withManager(Manager.Kind.EC2));
        assertTrue(e.getMessage().startsWith("rules.yml:9:21: --manager ec2 runs the manager on an EC2 instance, but"
                + " fleet.costs.manager \"home\" at rules.yml:9:21 bills none"), e.getMessage());
        Policy unknown = load("region: us-east-1");
        assertFalse(unknown.withManager(Manager.Kind.EC2).fleet().useExternalAddr());
        assertNull(unknown.withManager(Manager.Kind.EC2).fleet().manager().sourceCidr());
    }

    @Test
    void cidrs() {
        assertTrue(Manager.validCidr("203.0.113.7/32"));
        assertFalse(Manager.validCidr("2001:db8::7/128"), "the workers' external address is an IPv4 one");
        assertFalse(Manager.validCidr("203.0.113.7/33"));
        assertFalse(Manager.validCidr("203.0.113/24"));
        assertFalse(Manager.validCidr("203.0.113.7"));
    }
}
