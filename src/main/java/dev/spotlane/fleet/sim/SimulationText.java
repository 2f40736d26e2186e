package dev.spotlane.fleet.sim;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** The text report of {@code spotlane simulate}: what was simulated, a table per idle_time, the recommendation. */
public final class SimulationText {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private SimulationText() {
    }

    public static String render(SimulationReport report) {
        Objects.requireNonNull(report, "report");
        Workload w = report.workload();
        SimulationOptions o = report.options();
        double month = report.monthFactor();
        StringBuilder b = new StringBuilder();
        b.append("spotlane simulate: ").append(jobs(w.read())).append(" from ").append(w.source())
                .append(w.unfinished() > 0 ? " (" + w.unfinished() + " unfinished left out)" : "").append('\n');
        b.append("  period: ").append(days(w.periodDays())).append(w.periodFromTrace() ? "" : " (--period)")
                .append(w.usable() > 0 ? " from " + WHEN.format(Instant.ofEpochMilli(w.startEpochMs())) : "")
                .append("; a month is ").append(SimulationReport.MONTH_DAYS).append(" days (x")
                .append(num(month, 2)).append(")\n");
        b.append("  history: ").append(num(w.historyJobMs() / 3.6e6, 1)).append(" job-hours, ")
                .append(num(report.cpuHours(), 1)).append(" CPU-hours (job-hours x vCPU of the class each job routes"
                        + " to").append(report.localVcpus() == null ? "" : ", or of the local runner")
                .append(")\n");
        b.append("  routed: ").append(jobs(w.routed())).append(" (")
                .append(w.classes().stream().map(c -> c + " " + w.routed(c)).collect(Collectors.joining(", ")))
                .append("), ").append(hours(w.routedMs())).append(" of job time, ")
                .append(hours(w.routedMs() * month)).append(" a month\n");
        b.append("  pipelines: ").append(w.pipelines()).append(w.pipelineCount().how().isEmpty() ? ""
                        : " (" + w.pipelineCount().how() + ")").append(", ").append(jobs(w.dependentJobs()))
                .append(w.dependentJobs() == 1 ? " waits" : " wait").append(" for an earlier stage\n");
        b.append("  stay: ").append(w.stayed()).append(w.stays().isEmpty() ? "" : " (" + w.stays().entrySet()
                .stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + ")")
                .append('\n');
        if (w.localSlots() == 0) {
            b.append("  local runner: none (--local none): every routed job goes to the cloud\n");
        } else {
            b.append("  local runner: ").append(w.localSlots()).append(w.localSlots() == 1 ? " slot; " : " slots; ")
                    .append(o.localFirst() ? "it takes every routed job it has a free slot for first (--local-first)"
                            : "it races the cloud for each routed job, each side asking every "
                            + Durations.seconds(o.checkInterval()) + " (check_interval)")
                    .append("; routed jobs it ran: ").append(report.results().stream()
                            .map(r -> r.ranLocally() + " (" + Durations.format(r.idleTime()) + ")")
                            .collect(Collectors.joining(", "))).append('\n');
        }
        if (w.skipped() > 0) {
            List<String> skipped = new ArrayList<>();
            if (w.skippedNoStart() > 0) {
                skipped.add(w.skippedNoStart() + " without started_at");
            }
            if (w.skippedNoDuration() > 0) {
                skipped.add(w.skippedNoDuration() + " without duration or finished_at");
            }
            if (w.skippedNoName() > 0) {
                skipped.add(w.skippedNoName() + " without a name");
            }
            b.append("  skipped: ").append(w.skipped()).append(" (").append(String.join(", ", skipped))
                    .append(")\n");
        }
        b.append("  autoscaler: ").append(settings(report)).append('\n');
        b.append("  cold start ").append(coldStart(o)).append(", spot interruptions ")
                .append(trimmed(o.interruptionsPerHour(), 4))
                .append(" per instance-hour, seed ").append(o.seed()).append("\n\n");

        boolean interrupted = o.interruptionsPerHour() > 0;
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("idle_time", "class", "instance", "VM-h/mo", "compute $/mo",
                "other $/mo", "total $/mo", "cold starts", "wait p50", "wait p95", "idle/busy"));
        if (interrupted) {
            header.add("interrupted");
            header.add("retried");
        }
        rows.add(header.toArray(String[]::new));
        for (IdleTimeResult r : report.results()) {
            boolean first = true;
            for (ClassResult c : r.classes()) {
                rows.add(row(first ? idleLabel(r.idleTime(), o) : "", c.className(),
                        c.instanceType() == null ? "-" : c.instanceType(), c.vmHours() * month,
                        c.cost() == null ? null : c.cost() * month, "", "", c.run(), interrupted));
                first = false;
            }
            Bill bill = r.bill();
            rows.add(row(r.classes().isEmpty() ? idleLabel(r.idleTime(), o) : "", "all", "", r.vmHours() * month,
                    r.cost() == null ? null : r.cost() * month, bill == null ? "" : money(bill.otherPerMonth()),
                    bill == null ? "" : money(bill.totalPerMonth()), r.total(), interrupted));
            rows.add(null);
        }
        rows.remove(rows.size() - 1);
        table(b, rows);
        b.append('\n');

        Recommendation rec = report.recommendation();
        IdleTimeResult best = report.recommended();
        String bound = Durations.seconds(o.maxP95Wait());
        String vmHours = num(best.vmHours() * month, 1) + " VM-hours";
        String cost = best.totalPerMonth() != null ? "$" + num(best.totalPerMonth(), 2) + " (the whole bill) and "
                + vmHours : best.cost() == null ? vmHours : "$" + num(best.cost() * month, 2) + " and " + vmHours;
        if (rec.withinBound()) {
            b.append("recommended idle_time: ").append(Durations.format(rec.idleTime())).append(", the ")
                    .append(rec.byCost() ? "cheapest whole bill" : "fewest VM-hours").append(" with p95 added wait within ")
                    .append(bound).append(" (").append(Durations.seconds(best.total().waitPercentile(95)))
                    .append("): ").append(cost).append(" a month\n");
        } else {
            b.append("recommended idle_time: ").append(Durations.format(rec.idleTime()))
                    .append(", the shortest p95 added wait (").append(Durations.seconds(best.total()
                            .waitPercentile(95))).append("); none stays within ").append(bound)
                    .append(" (--max-p95-wait): ").append(cost).append(" a month\n");
        }
        b.append(prices(report)).append('\n');
        if (best.bill() != null) {
            b.append('\n').append(bill(best, o));
        }
        b.append("VM-hours and costs are per month (the trace scaled x").append(num(month, 2))
                .append("; other $/mo: manager, public IPv4 or NAT gateway, EBS, S3 cache, egress")
                .append("); cold starts and waits are the trace's own. Added wait: from a job becoming pending to"
                        + " its start on a worker.\n");
        return b.toString();
    }

    private static String[] row(String idle, String cls, String type, double vmHours, Double cost, String other,
                                String total, ClassRun run, boolean interrupted) {
        List<String> r = new ArrayList<>(List.of(idle, cls, type, num(vmHours, 1),
                money(cost), other, total, String.valueOf(run.coldStarts()),
                Durations.seconds(run.waitPercentile(50)), Durations.seconds(run.waitPercentile(95)),
                run.busyMs() == 0 ? "-" : num(run.idleRatio(), 2)));
        if (interrupted) {
            r.add(String.valueOf(run.interruptions()));
            r.add(String.valueOf(run.retries()));
        }
        return r.toArray(String[]::new);
    }

    /** The monthly bill at the recommended idle_time, every line with its figures and their source. */
    static String bill(IdleTimeResult r, SimulationOptions o) {
        Bill bill = r.bill();
        StringBuilder b = new StringBuilder("monthly bill at idle_time ").append(idleLabel(r.idleTime(), o))
                .append(", the recommendation:\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"line", "$/mo", "quantity", "rate", "source"});
        for (Bill.Line l : bill.compute()) {
            rows.add(billRow(l));
        }
        rows.add(new String[] {"compute", money(bill.computePerMonth()), "", "", ""});
        for (Bill.Line l : bill.other()) {
            rows.add(billRow(l));
        }
        rows.add(new String[] {"other lines", money(bill.otherPerMonth()), "", "", ""});
        rows.add(new String[] {"total", money(bill.totalPerMonth()), "", "", ""});
        int[] width = new int[2];
        for (String[] row : rows) {
            width[0] = Math.max(width[0], row[0].length());
            width[1] = Math.max(width[1], row[1].length());
        }
        for (String[] row : rows) {
            String line = "  " + row[0] + " ".repeat(width[0] - row[0].length()) + "  "
                    + " ".repeat(width[1] - row[1].length()) + row[1] + (row[2].isEmpty() ? "" : "  " + row[2]
                    + (row[3].isEmpty() || row[3].equals("-") || row[3].equals("$0") ? "" : " at " + row[3]) + " ["
                    + row[4] + "]");
            b.append(line.stripTrailing()).append('\n');
        }
        for (String n : bill.notes()) {
            b.append("  note: ").append(n).append('\n');
        }
        if (bill.assumed()) {
            b.append("  * assumed: override in the rules' fleet.costs (docs/simulate.md) or with --prices\n");
        }
        return b.toString();
    }

    private static String[] billRow(Bill.Line l) {
        return new String[] {l.item() + (l.assumed() ? " *" : ""), money(l.perMonth()), l.quantity(), l.rate(),
                l.source()};
    }

    /** USD: {@code $1.23}, {@code ?} when unknown. */
    static String money(Double v) {
        return v == null ? "?" : "$" + num(v, 2);
    }

    /** Columns: the first three left-aligned, the rest right-aligned; a null row is a blank line. */
    private static void table(StringBuilder b, List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; r != null && c < cols; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        for (String[] r : rows) {
            if (r == null) {
                b.append('\n');
                continue;
            }
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                String cell = r[c];
                String pad = " ".repeat(width[c] - cell.length());
                line.append(c == 0 ? "" : "  ").append(c < 3 ? cell + pad : pad + cell);
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
    }

    /** The autoscaler settings, once when every class shares them. */
    static String settings(SimulationReport report) {
        Map<AutoscalerSettings, List<String>> groups = new LinkedHashMap<>();
        for (String cls : report.workload().classes()) {
            groups.computeIfAbsent(report.options().settings(cls), k -> new ArrayList<>()).add(cls);
        }
        if (groups.size() == 1) {
            return "every class: " + describe(groups.keySet().iterator().next());
        }
        return groups.entrySet().stream().map(e -> String.join(", ", e.getValue()) + ": " + describe(e.getKey()))
                .collect(Collectors.joining("; "));
    }

    private static String describe(AutoscalerSettings s) {
        return "capacity_per_instance " + s.capacityPerInstance() + ", max_instances " + s.maxInstances()
                + (s.maxInstances() == 0 ? " (no cap)" : "") + ", idle_count " + s.idleCount() + ", max_use_count "
                + s.maxUseCount() + (s.maxUseCount() == 0 ? " (no limit)" : "");
    }

    /** The cold start range in seconds: {@code 45s-90s}. */
    static String coldStart(SimulationOptions o) {
        return Durations.seconds(o.coldStartMin()) + (o.coldStartMax() == o.coldStartMin() ? ""
                : "-" + Durations.seconds(o.coldStartMax()));
    }

    /** A number with trailing zeros dropped: {@code 0.05}, {@code 0}. */
    static String trimmed(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** The prices line: which, and whether they are assumptions. */
    static String prices(SimulationReport report) {
        List<String> priced = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int assumed = 0;
        for (ClassResult c : report.results().get(0).classes()) {
            if (c.price() == null) {
                missing.add(c.className() + (c.instanceType() == null ? "" : " (" + c.instanceType() + ")"));
            } else {
                String p = c.price().key() + " " + price(c.price().perHour());
                if (!priced.contains(p) && !priced.contains(p + "*")) {
                    priced.add(c.price().assumed() ? p + "*" : p);
                    assumed += c.price().assumed() ? 1 : 0;
                }
            }
        }
        StringBuilder b = new StringBuilder("prices: ");
        if (assumed > 0 && assumed == priced.size()) {
            b.append(priced.stream().map(p -> p.substring(0, p.length() - 1)).collect(Collectors.joining(", ")))
                    .append(" (").append(Prices.VERIFY).append(", then pass --prices FILE)");
        } else {
            b.append(String.join(", ", priced));
            if (report.prices().source() != null) {
                b.append(priced.isEmpty() ? "" : " ").append("from ").append(report.prices().source());
            }
            if (assumed > 0) {
                b.append("; * ").append(Prices.VERIFY);
            }
        }
        if (!missing.isEmpty()) {
            b.append(priced.isEmpty() ? "" : "; ").append("no price for ").append(String.join(", ", missing))
                    .append(": add it to a --prices file");
        }
        return b.toString();
    }

    /** USD per hour: {@code $0.012/h}, up to four decimals. */
    static String price(double perHour) {
        String s = String.format(Locale.ROOT, "%.4f", perHour).replaceAll("0+$", "");
        if (s.indexOf('.') >= s.length() - 3) {
            s = String.format(Locale.ROOT, "%.2f", perHour);
        }
        return "$" + s + "/h";
    }

    /** An idle_time, marked when the rules configure it. */
    static String idleLabel(long idleTime, SimulationOptions o) {
        return Durations.format(idleTime) + (idleTime == o.rulesIdleTime() ? " (rules)" : "");
    }

    private static String jobs(int n) {
        return n + (n == 1 ? " job" : " jobs");
    }

    private static String days(double days) {
        return (days == Math.rint(days) ? String.valueOf((long) days) : num(days, 2)) + (days == 1 ? " day"
                : " days");
    }

    private static String hours(double ms) {
        return num(ms / 3_600_000d, 1) + " h";
    }

    /** A number with at most {@code decimals} decimals, trailing zeros kept for money and hours. */
    static String num(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
