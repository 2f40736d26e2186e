package dev.spotlane.fleet.sim;

import dev.spotlane.policy.Fleet;
import dev.spotlane.policy.FleetCosts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Prices a simulated month: the spot instances of every class and what else the fleet pays for.
 *
 * <ul>
 *   <li><b>manager</b>: {@code fleet.costs.manager}: {@code home} (assumed: the design's home lab) or
 *       {@code oracle-free} cost $0; an EC2 instance type runs all month on demand.</li>
 *   <li><b>public IPv4</b>: AWS bills every public IPv4 address per hour. With {@code worker_network: public_ipv4}
 *       (assumed; required by {@code connector.use_external_addr: true}, where the manager reaches the workers at
 *       their public addresses) each worker has one for its VM-hours, and an EC2 manager one all month; with
 *       {@code nat_gateway} only the gateway's Elastic IP is billed.</li>
 *   <li><b>NAT gateway</b>: hourly all month, plus each GB it processes (the egress below).</li>
 *   <li><b>EBS</b>: each worker's root volume (assumed 30 GB gp3) for its VM-hours, prorated from GB-months; an EC2
 *       manager's volume (assumed 8 GB) all month.</li>
 *   <li><b>S3 cache</b>, when {@code fleet.cache} declares one (or {@code fleet.costs.s3_cache} prices one):
 *       storage, and a PUT and a GET per cloud job (assumed) at request prices.</li>
 *   <li><b>egress</b>: {@code egress_gb_per_month}, else the artifacts (and job logs) the history's cloud jobs
 *       uploaded, scaled to a month, else the design's 5-15 GB estimate (10 GB); the first 100 GB a month are free,
 *       then $0.09/GB.</li>
 * </ul>
 * A month is {@value SimulationReport#MONTH_DAYS} days, {@value #MONTH_HOURS} hours.
 */
public final class BillModel {
    /** Hours in the month the bill covers. */
    static final int MONTH_HOURS = SimulationReport.MONTH_DAYS * 24;
    static final double ROOT_VOLUME_GB = 30;
    static final double MANAGER_VOLUME_GB = 8;
    static final double S3_STORAGE_GB = 5;
    static final double EGRESS_GB = 10;
    private static final Set<String> FREE_MANAGERS = Set.of("home", "oracle-free");

    private final Fleet fleet;
    private final CostRates rates;
    private final Prices prices;
    private final double month;
    private final boolean artifactSizes;

    private BillModel(Fleet fleet, CostRates rates, Prices prices, double month, boolean artifactSizes) {
        this.fleet = fleet;
        this.rates = rates;
        this.prices = prices;
        this.month = month;
        this.artifactSizes = artifactSizes;
    }

    /**
     * A model.
     *
     * @param fleet         the rules' fleet (its {@code costs} and {@code connector.use_external_addr})
     * @param rulesSource   the rules file's name
     * @param prices        spot prices and unit prices given with {@code --prices}
     * @param monthFactor   a month over the trace's period
     * @param artifactSizes whether the history carries artifact sizes
     */
    public static BillModel of(Fleet fleet, String rulesSource, Prices prices, double monthFactor,
                               boolean artifactSizes) {
        Objects.requireNonNull(fleet, "fleet");
        return new BillModel(fleet, CostRates.of(fleet.costs(), rulesSource, prices), prices, monthFactor,
                artifactSizes);
    }

    /** The bill of one idle_time's result. */
    public Bill bill(IdleTimeResult r) {
        List<Bill.Line> compute = new ArrayList<>();
        for (ClassResult c : r.classes()) {
            compute.add(compute(c));
        }
        FleetCosts costs = rates.costs();
        String rules = rates.rulesSource() + " fleet.costs.";
        double workerHours = r.vmHours() * month;
        String manager = costs.manager() == null ? "home" : costs.manager();
        boolean ec2Manager = !FREE_MANAGERS.contains(manager);
        boolean nat = "nat_gateway".equals(costs.workerNetwork()) && !fleet.useExternalAddr();
        double egressGb = egressGb(r);

        List<Bill.Line> other = new ArrayList<>();
        other.add(manager(manager, costs.manager() != null, rules));
        CostRates.Rate ip = rates.rate("public_ipv4_hour");
        double addressHours = nat ? MONTH_HOURS : workerHours + (ec2Manager ? MONTH_HOURS : 0);
        String network = costs.workerNetwork() == null ? "worker_network assumed public_ipv4"
                : "nat_gateway".equals(costs.workerNetwork()) && fleet.useExternalAddr()
                ? "use_external_addr: true needs a public address on every worker; worker_network nat_gateway"
                        + " ignored" : "worker_network " + costs.workerNetwork();
        other.add(new Bill.Line("public IPv4", nat ? num(addressHours, 0) + " address-hours (the NAT gateway's"
                + " Elastic IP; " + network + ")" : num(addressHours, 1) + " address-hours (one per worker for its "
                + num(workerHours, 1) + " VM-hours" + (ec2Manager ? ", the manager's all month" : "") + "; "
                + network + ", use_external_addr " + fleet.useExternalAddr() + ")", ip.text(), ip.source(),
                ip.assumed() || costs.workerNetwork() == null, addressHours * ip.value()));
        if (nat) {
            CostRates.Rate h = rates.rate("nat_gateway_hour");
            CostRates.Rate gb = rates.rate("nat_gateway_gb");
            other.add(new Bill.Line("NAT gateway", MONTH_HOURS + " h + " + num(egressGb, 1) + " GB processed (the"
                    + " egress below; image pulls through it add more)", h.text() + " + " + gb.text(),
                    sources(h, gb), h.assumed() || gb.assumed(), MONTH_HOURS * h.value() + egressGb * gb.value()));
        } else {
            other.add(new Bill.Line("NAT gateway", "none: workers reach the internet at their public IPv4", "-",
                    costs.workerNetwork() == null ? "assumed (set " + rules + "worker_network)" : rules
                            + "worker_network", costs.workerNetwork() == null, 0d));
        }
        other.add(ebs(workerHours, ec2Manager, rules));
        other.add(s3(r, rules));
        other.add(egress(egressGb, rules));
        List<String> notes = new ArrayList<>();
        if (!ec2Manager && !fleet.useExternalAddr()) {
            notes.add("a manager outside the VPC (" + manager + ") reaches the workers only at their public addresses:"
                    + " set fleet.connector.use_external_addr: true, or bill a VPN");
        }
        if ("nat_gateway".equals(costs.workerNetwork()) && fleet.useExternalAddr()) {
            notes.add("worker_network nat_gateway ignored: use_external_addr: true needs a public IPv4 on every"
                    + " worker");
        }
        return new Bill(compute, other, notes);
    }

    private Bill.Line compute(ClassResult c) {
        double vm = c.vmHours() * month;
        String item = "compute " + c.className() + (c.instanceType() == null ? "" : " (" + c.instanceType()
                + " spot)");
        if (c.price() == null) {
            return new Bill.Line(item, num(vm, 1) + " VM-hours", "no price", "none: add it to a --prices file",
                    false, vm == 0 ? 0d : null);
        }
        String detail = prices.detail(c.price().key());
        String source = c.price().assumed() ? "assumed: the design's spot price table (verify with aws ec2"
                + " describe-spot-price-history)" : prices.source() + (detail == null ? "" : ": " + detail);
        return new Bill.Line(item, num(vm, 1) + " VM-hours", SimulationText.price(c.price().perHour()), source,
                c.price().assumed(), vm * c.price().perHour());
    }

    private Bill.Line manager(String manager, boolean given, String rules) {
        if (manager.equals("home") || manager.equals("oracle-free")) {
            return new Bill.Line("manager", manager.equals("home") ? "home lab, always on" : "Oracle Cloud free tier,"
                    + " always on", "$0", given ? rules + "manager" : "assumed: the design's home lab (set " + rules
                    + "manager)", !given, 0d);
        }
        CostRates.Rate od = rates.onDemand(manager);
        if (od == null) {
            return new Bill.Line("manager", MONTH_HOURS + " h of " + manager + " on demand", "no price",
                    "none: add " + rules + "on_demand." + manager + " or on_demand." + manager + " to --prices",
                    false, null);
        }
        return new Bill.Line("manager", MONTH_HOURS + " h of " + manager + " on demand", od.text(), od.source(),
                od.assumed(), MONTH_HOURS * od.value());
    }

    private Bill.Line ebs(double workerHours, boolean ec2Manager, String rules) {
        FleetCosts costs = rates.costs();
        CostRates.Rate r = rates.rate("ebs_gb_month");
        double root = costs.rootVolumeGb() == null ? ROOT_VOLUME_GB : costs.rootVolumeGb();
        double mgr = ec2Manager ? costs.managerVolumeGb() == null ? MANAGER_VOLUME_GB : costs.managerVolumeGb() : 0;
        double gbMonths = root * workerHours / MONTH_HOURS + mgr;
        boolean assumed = r.assumed() || costs.rootVolumeGb() == null || ec2Manager && costs.managerVolumeGb() == null;
        return new Bill.Line("EBS root volumes", num(root, 0) + " GB x " + num(workerHours, 1) + " VM-hours / "
                + MONTH_HOURS + " h" + (ec2Manager ? " + the manager's " + num(mgr, 0) + " GB" : "") + " = "
                + num(gbMonths, 2) + " GB-months" + (costs.rootVolumeGb() == null ? " (volume size assumed; set "
                + rules + "root_volume_gb)" : ""), r.text(), r.source(), assumed, gbMonths * r.value());
    }

    private Bill.Line s3(IdleTimeResult r, String rules) {
        FleetCosts.S3Cache s3 = rates.costs().s3Cache();
        if (s3 == null && fleet.cache() == null) {
            return new Bill.Line("S3 cache", "none configured", "-", "declare fleet.cache (runner-config writes it)"
                    + " to add one", false, 0d);
        }
        if (s3 == null) {
            // fleet.cache declares the bucket runner-config writes; fleet.costs.s3_cache only refines its figures
            s3 = new FleetCosts.S3Cache(null, null, null);
        }
        CostRates.Rate gb = rates.rate("s3_gb_month");
        CostRates.Rate put = rates.rate("s3_put_1000");
        CostRates.Rate get = rates.rate("s3_get_1000");
        double storage = s3.storageGb() == null ? S3_STORAGE_GB : s3.storageGb();
        double jobs = r.total().jobs() * month;
        double puts = jobs * (s3.putsPerJob() == null ? 1 : s3.putsPerJob());
        double gets = jobs * (s3.getsPerJob() == null ? 1 : s3.getsPerJob());
        boolean assumed = gb.assumed() || put.assumed() || get.assumed() || s3.storageGb() == null
                || s3.putsPerJob() == null || s3.getsPerJob() == null;
        return new Bill.Line("S3 cache", num(storage, 1) + " GB stored + " + num(puts, 0) + " PUT + " + num(gets, 0)
                + " GET (" + num(jobs, 0) + " cloud jobs)", gb.text() + ", " + put.text() + ", " + get.text(),
                sources(gb, put, get), assumed, storage * gb.value() + puts / 1000 * put.value()
                + gets / 1000 * get.value());
    }

    private double egressGb(IdleTimeResult r) {
        Double given = rates.costs().egressGbPerMonth();
        if (given != null) {
            return given;
        }
        return artifactSizes ? r.cloudArtifactBytes() * month / 1e9 : EGRESS_GB;
    }

    private Bill.Line egress(double gb, String rules) {
        CostRates.Rate rate = rates.rate("egress_gb");
        CostRates.Rate free = rates.rate("egress_free_gb");
        Double given = rates.costs().egressGbPerMonth();
        String how = given != null ? rules + "egress_gb_per_month" : artifactSizes ? "artifacts and job logs the"
                + " history's cloud jobs uploaded, scaled to a month" : "assumed: the design's 5-15 GB/month estimate";
        double billed = Math.max(0, gb - free.value());
        return new Bill.Line("egress", num(gb, 1) + " GB out (" + how + "), " + num(billed, 1) + " GB past the free "
                + Bill.number(free.value()) + " GB", rate.text(), sources(rate, free),
                rate.assumed() || free.assumed() || given == null && !artifactSizes, billed * rate.value());
    }

    private static String sources(CostRates.Rate... rates) {
        Set<String> s = new LinkedHashSet<>();
        for (CostRates.Rate r : rates) {
            s.add(r.source());
        }
        return String.join("; ", s);
    }

    private static String num(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }
}
