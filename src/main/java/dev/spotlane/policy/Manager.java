package dev.spotlane.policy;

import dev.spotlane.model.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where the runner manager runs and how it reaches the workers ({@code fleet.manager}), resolved against
 * {@code fleet.costs.manager} and {@code fleet.connector.use_external_addr} so the three cannot disagree.
 *
 * @param kind            how it runs: a systemd service, a Kubernetes Deployment, or an EC2 instance with an instance
 *                        profile; null when neither the rules nor the command line say
 * @param outsideVpc      whether it reaches the workers only at their public addresses
 * @param useExternalAddr {@code connector_config.use_external_addr}: written in the rules, else {@code outsideVpc}
 * @param sourceCidr      the manager's public address (CIDR) the workers admit SSH from, or null (outside the VPC)
 * @param securityGroup   the manager's security group the workers admit SSH from, or null (inside the VPC)
 * @param runnerVersion   the GitLab Runner version it runs ({@code X.Y} or {@code X.Y.Z}), or null
 * @param namespace       the Kubernetes namespace of its Deployment
 * @param basis           why {@code kind} is what it is ({@code fleet.manager.kind "ec2" at rules.yml:40:11}), or
 *                        null when it is unknown
 * @param facts           what the rules wrote, for resolving again with another kind ({@link #withKind})
 */
public record Manager(Kind kind, boolean outsideVpc, boolean useExternalAddr, String sourceCidr, String securityGroup,
                      String runnerVersion, String namespace, String basis, Facts facts) {
    /** {@code fleet.costs.manager} values that are not an EC2 instance. */
    public static final Set<String> FREE_MANAGERS = Set.of("home", "oracle-free");
    /** The namespace of the Deployment when the rules name none. */
    public static final String DEFAULT_NAMESPACE = "gitlab-runner";

    public Manager {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(facts, "facts");
    }

    /** How the manager runs. */
    public enum Kind {
        SYSTEMD, KUBERNETES, EC2;

        /** The name in the rules and on the command line. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind named {@code label}, or null. */
        public static Kind of(String label) {
            for (Kind k : values()) {
                if (k.label().equals(label)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** A value the rules wrote, and where; null value: not written. */
    public record At<T>(T value, Location at) {
        static <T> At<T> none() {
            return new At<>(null, null);
        }

        boolean given() {
            return value != null;
        }

        String where() {
            return at == null ? "" : " at " + at;
        }
    }

    /** What the rules wrote about the manager, each value with its place. */
    public record Facts(At<String> kind, At<Boolean> inVpc, At<String> sourceCidr, At<String> securityGroup,
                        At<String> runnerVersion, String namespace, At<Boolean> useExternalAddr,
                        At<String> costsManager, At<String> workerNetwork) {
        /** Nothing written. */
        public static final Facts NONE = new Facts(At.none(), At.none(), At.none(), At.none(), At.none(), null,
                At.none(), At.none(), At.none());
    }

    /** Nothing known: use_external_addr false, as the runner's own default. */
    public static final Manager UNKNOWN = new Manager(null, false, false, null, null, null, DEFAULT_NAMESPACE, null,
            Facts.NONE);

    /** The same rules with the manager's kind given on the command line ({@code --manager}). */
    public Manager withKind(Kind override) throws PolicyException {
        return resolve(facts, Objects.requireNonNull(override, "override"));
    }

    /** Whether the rules or the command line say where the manager runs. */
    public boolean known() {
        return kind != null;
    }

    /**
     * Resolves the manager from what the rules wrote: its kind is {@code override}, else {@code fleet.manager.kind},
     * else follows {@code fleet.costs.manager} (an EC2 instance type: {@code ec2}; home, oracle-free: systemd).
     * A manager on EC2 is inside the VPC, any other outside, unless {@code in_vpc} says otherwise; outside it,
     * {@code use_external_addr} is true. Values that contradict that are problems at their line.
     *
     * @param override {@code --manager}, or null
     */
    static Manager resolve(Facts f, Kind override) throws PolicyException {
        List<PolicyException.Problem> problems = new ArrayList<>();
        if (f.sourceCidr().given() && !validCidr(f.sourceCidr().value())) {
            problems.add(problem(f.sourceCidr().at(), f, "source_cidr \"" + f.sourceCidr().value()
                    + "\" is not an IPv4 address block such as 203.0.113.7/32 (the manager connects to the workers'"
                    + " public IPv4 addresses)"));
        }
        Kind kind = override;
        String basis = override == null ? null : "--manager " + override.label();
        Location kindAt = null;
        if (kind == null && f.kind().given()) {
            kind = Kind.of(f.kind().value());
            kindAt = f.kind().at();
            basis = "fleet.manager.kind \"" + f.kind().value() + "\"" + f.kind().where();
        }
        boolean ec2Bill = f.costsManager().given() && !FREE_MANAGERS.contains(f.costsManager().value());
        if (kind == null && f.costsManager().given()) {
            kind = ec2Bill ? Kind.EC2 : Kind.SYSTEMD;
            basis = "fleet.costs.manager \"" + f.costsManager().value() + "\"" + f.costsManager().where();
        } else if (kind != null && f.costsManager().given()) {
            String bill = "fleet.costs.manager \"" + f.costsManager().value() + "\"" + f.costsManager().where();
            if (kind == Kind.EC2 && !ec2Bill) {
                problems.add(problem(kindAt, f, basis + " runs the manager on an EC2 instance, but " + bill
                        + " bills none; set costs.manager to its instance type"));
            } else if (kind == Kind.SYSTEMD && ec2Bill && !Boolean.TRUE.equals(f.inVpc().value())) {
                problems.add(problem(kindAt, f, bill + " bills an EC2 instance for the manager, but " + basis
                        + " runs it outside the VPC; use kind: ec2 (an instance profile instead of keys)"));
            }
        }
        if (kind == null) {
            if (!problems.isEmpty()) {
                throw sorted(problems);
            }
            boolean external = Boolean.TRUE.equals(f.useExternalAddr().value());
            return new Manager(null, external, external, f.sourceCidr().value(), f.securityGroup().value(),
                    f.runnerVersion().value(), namespace(f), null, f);
        }
        boolean outside = f.inVpc().given() ? !f.inVpc().value() : kind != Kind.EC2;
        String where = outside ? "outside the VPC" : "inside the VPC";
        String because = basis + (f.inVpc().given() ? " with fleet.manager.in_vpc " + f.inVpc().value()
                + f.inVpc().where() : "");
        boolean external = outside;
        if (f.useExternalAddr().given()) {
            external = f.useExternalAddr().value();
            if (external != outside) {
                problems.add(problem(f.useExternalAddr().at(), f, "use_external_addr: " + external
                        + " contradicts the manager " + where + " (" + because + ")" + (outside
                        ? ": it reaches the workers only at their public addresses"
                        : ": the workers admit the manager's security group, which matches only private addresses")
                        + "; remove the key (it follows fleet.manager) or set fleet.manager.in_vpc: " + !external));
            }
        }
        if (outside && f.securityGroup().given()) {
            problems.add(problem(f.securityGroup().at(), f, "security_group \"" + f.securityGroup().value()
                    + "\" admits a manager inside the VPC, but it runs " + where + " (" + because
                    + "); give its address as source_cidr"));
        }
        if (!outside && f.sourceCidr().given()) {
            problems.add(problem(f.sourceCidr().at(), f, "source_cidr \"" + f.sourceCidr().value()
                    + "\" admits a manager outside the VPC, but it runs " + where + " (" + because
                    + "); name its security group as security_group"));
        }
        if (external && "nat_gateway".equals(f.workerNetwork().value())) {
            problems.add(problem(f.workerNetwork().at(), f, "worker_network \"nat_gateway\" leaves the workers"
                    + " without public addresses, but the manager " + where + " (" + because
                    + ") reaches them only there; use public_ipv4"));
        }
        if (!problems.isEmpty()) {
            throw sorted(problems);
        }
        return new Manager(kind, outside, external, f.sourceCidr().value(), f.securityGroup().value(),
                f.runnerVersion().value(), namespace(f), basis, f);
    }

    private static String namespace(Facts f) {
        return f.namespace() == null ? DEFAULT_NAMESPACE : f.namespace();
    }

    private static PolicyException.Problem problem(Location at, Facts f, String message) {
        Location where = at != null ? at : f.kind().at() != null ? f.kind().at() : f.costsManager().at() != null
                ? f.costsManager().at() : new Location("--manager", 1, 1);
        return new PolicyException.Problem(where, message + " [rules-schema]");
    }

    private static PolicyException sorted(List<PolicyException.Problem> problems) {
        problems.sort((a, b) -> a.location().compareTo(b.location()));
        return new PolicyException(problems);
    }

    /**
     * An IPv4 address block ({@code a.b.c.d/n}). The manager reaches a worker outside the VPC at the address the
     * fleeting plugin reports as external, the instance's public IPv4, so it connects from its own IPv4 address;
     * an IPv6 block would never match that connection.
     */
    static boolean validCidr(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0 || !cidr.substring(slash + 1).matches("\\d{1,2}")) {
            return false;
        }
        String addr = cidr.substring(0, slash);
        if (!addr.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return false;
        }
        for (String octet : addr.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return Integer.parseInt(cidr.substring(slash + 1)) <= 32;
    }
}
