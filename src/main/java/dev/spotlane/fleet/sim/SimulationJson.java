package dev.spotlane.fleet.sim;

import dev.spotlane.report.Json;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/** The JSON report of {@code spotlane simulate}: hours and costs per month and for the trace, times in seconds. */
public final class SimulationJson {
    private SimulationJson() {
    }

    /** The report as JSON: hours and costs per month and for the trace, times in seconds. */
    public static String render(SimulationReport report) {
        Objects.requireNonNull(report, "report");
        Workload w = report.workload();
        SimulationOptions o = report.options();
        double month = report.monthFactor();
        Json j = new Json().beginObject();
        j.name("trace").beginObject()
                .field("source", w.source())
                .field("jobs", w.read())
                .field("unfinished_left_out", w.unfinished())
                .field("start", w.usable() > 0 ? Instant.ofEpochMilli(w.startEpochMs()).toString() : null)
                .name("period_days").raw(num(w.periodDays(), 3))
                .field("period_from_trace", w.periodFromTrace())
                .field("month_days", SimulationReport.MONTH_DAYS)
                .name("month_factor").raw(num(month, 6))
                .name("job_hours").raw(num(w.historyJobMs() / 3.6e6, 3))
                .name("cpu_hours").raw(num(report.cpuHours(), 3))
                .name("simulated_job_hours").raw(num(w.jobMs() / 3.6e6, 3))
                .field("pipelines", w.pipelines())
                .field("pipelines_how", w.pipelineCount().how().isEmpty() ? null : w.pipelineCount().how())
                .field("jobs_waiting_for_a_stage", w.dependentJobs())
                .name("skipped").beginObject()
                .field("no_started_at", w.skippedNoStart())
                .field("no_duration", w.skippedNoDuration())
                .field("no_name", w.skippedNoName())
                .endObject()
                .endObject();
        j.name("routing").beginObject();
        j.name("routed").beginObject();
        for (String c : w.classes()) {
            j.field(c, w.routed(c));
        }
        j.endObject();
        j.field("routed_jobs", w.routed());
        j.name("stays").beginObject();
        w.stays().forEach(j::field);
        j.endObject();
        j.field("local_runner_slots", w.localSlots());
        j.field("local_runner_model", w.localSlots() == 0 ? null : o.localFirst() ? "local-first" : "race");
        j.name("check_interval_seconds").raw(num(o.checkInterval() / 1000d, 3));
        j.endObject();
        j.name("assumptions").beginObject()
                .name("cold_start_seconds").beginArray().raw(num(o.coldStartMin() / 1000d, 3))
                .raw(num(o.coldStartMax() / 1000d, 3)).endArray()
                .name("interruptions_per_instance_hour").raw(num(o.interruptionsPerHour(), 6))
                .field("seed", o.seed())
                .name("max_p95_wait_seconds").raw(num(o.maxP95Wait() / 1000d, 3))
                .field("rules_idle_time", o.rulesIdleTime() < 0 ? null : Durations.format(o.rulesIdleTime()))
                .field("prices_source", report.prices().source() == null ? "assumed" : report.prices().source())
                .field("prices_note", report.usesAssumedPrices() ? Prices.VERIFY : null)
                .endObject();
        j.name("results").beginArray();
        for (IdleTimeResult r : report.results()) {
            j.beginObject()
                    .field("idle_time", Durations.format(r.idleTime()))
                    .name("idle_time_seconds").raw(num(r.idleTime() / 1000d, 3))
                    .field("in_rules", r.idleTime() == o.rulesIdleTime())
                    .field("ran_on_local_runner", r.ranLocally());
            j.name("classes").beginArray();
            for (ClassResult c : r.classes()) {
                j.beginObject().field("class", c.className()).field("instance_type", c.instanceType());
                if (c.price() == null) {
                    j.field("price_per_hour", null);
                } else {
                    j.name("price_per_hour").raw(num(c.price().perHour(), 6))
                            .field("price_assumed", c.price().assumed());
                }
                AutoscalerSettings s = c.settings();
                j.name("autoscaler").beginObject()
                        .field("capacity_per_instance", s.capacityPerInstance())
                        .field("max_instances", s.maxInstances())
                        .field("idle_count", s.idleCount())
                        .field("max_use_count", s.maxUseCount())
                        .endObject();
                run(j, c.run(), c.cost(), month);
                j.endObject();
            }
            j.endArray();
            j.name("total").beginObject();
            run(j, r.total(), r.cost(), month);
            j.endObject();
            bill(j, r.bill());
            j.endObject();
        }
        j.endArray();
        IdleTimeResult best = report.recommended();
        j.name("recommendation").beginObject()
                .field("idle_time", Durations.format(report.recommendation().idleTime()))
                .name("idle_time_seconds").raw(num(report.recommendation().idleTime() / 1000d, 3))
                .field("within_bound", report.recommendation().withinBound())
                .field("compared_by", report.recommendation().byCost() ? "cost" : "vm_hours")
                .name("wait_p95_seconds").raw(num(best.total().waitPercentile(95) / 1000d, 3))
                .name("vm_hours_per_month").raw(num(best.vmHours() * month, 3));
        if (best.cost() == null) {
            j.field("cost_per_month", null);
        } else {
            j.name("cost_per_month").raw(num(best.cost() * month, 4));
        }
        money(j, "total_per_month", best.totalPerMonth());
        j.endObject();
        return j.endObject() + "\n";
    }

    /** The monthly bill: compute and the other lines apart, each line with its figures and their source. */
    private static void bill(Json j, Bill bill) {
        if (bill == null) {
            return;
        }
        j.name("bill").beginObject();
        money(j, "compute_per_month", bill.computePerMonth());
        money(j, "other_per_month", bill.otherPerMonth());
        money(j, "total_per_month", bill.totalPerMonth());
        j.field("assumed", bill.assumed());
        j.name("notes").beginArray();
        bill.notes().forEach(j::value);
        j.endArray();
        j.name("lines").beginArray();
        for (Bill.Line l : bill.compute()) {
            line(j, l, "compute");
        }
        for (Bill.Line l : bill.other()) {
            line(j, l, "other");
        }
        j.endArray().endObject();
    }

    private static void line(Json j, Bill.Line l, String kind) {
        j.beginObject().field("item", l.item()).field("kind", kind);
        money(j, "per_month", l.perMonth());
        j.field("quantity", l.quantity()).field("rate", l.rate()).field("source", l.source())
                .field("assumed", l.assumed()).endObject();
    }

    private static void money(Json j, String name, Double v) {
        if (v == null) {
            j.field(name, null);
        } else {
            j.name(name).raw(num(v, 4));
        }
    }

    private static void run(Json j, ClassRun r, Double cost, double month) {
        double vmHours = r.billedMs() / 3.6e6;
        j.field("jobs", r.jobs())
                .name("job_hours").raw(num(r.jobMs() / 3.6e6, 3))
                .name("vm_hours").raw(num(vmHours, 3))
                .name("vm_hours_per_month").raw(num(vmHours * month, 3))
                .name("busy_hours").raw(num(r.busyMs() / 3.6e6, 3))
                .name("boot_hours").raw(num(r.bootMs() / 3.6e6, 3));
        if (cost == null) {
            j.field("cost", null).field("cost_per_month", null);
        } else {
            j.name("cost").raw(num(cost, 4)).name("cost_per_month").raw(num(cost * month, 4));
        }
        j.field("cold_starts", r.coldStarts())
                .field("delayed_jobs", r.delayedJobs())
                .name("wait_p50_seconds").raw(num(r.waitPercentile(50) / 1000d, 3))
                .name("wait_p95_seconds").raw(num(r.waitPercentile(95) / 1000d, 3))
                .name("wait_max_seconds").raw(num(r.waitPercentile(100) / 1000d, 3));
        if (r.busyMs() == 0) {
            j.field("idle_overhead_ratio", null);
        } else {
            j.name("idle_overhead_ratio").raw(num(r.idleRatio(), 4));
        }
        j.field("peak_instances", r.peakInstances())
                .field("interruptions", r.interruptions())
                .field("retried_jobs", r.retries())
                .name("lost_hours").raw(num(r.lostMs() / 3.6e6, 3));
    }

    private static String num(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "");
            s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        return s.equals("-0") ? "0" : s;
    }
}
