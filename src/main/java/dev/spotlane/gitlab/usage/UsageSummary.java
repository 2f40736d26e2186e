package dev.spotlane.gitlab.usage;

import dev.spotlane.model.HistoryPipelines;
import dev.spotlane.policy.Fleet;
import dev.spotlane.policy.HistoryRouting;
import dev.spotlane.policy.InstanceType;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.Route;
import dev.spotlane.report.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A job history summed up the way the design document does it ("163 pipelines, 1,682 jobs, ~29 CPU-hours; May 2
 * was 5h; quiet days &lt;1h"), under the current rules.
 *
 * <p>Each job is routed by {@link HistoryRouting}, the routing of {@code spotlane fix} applied to its name, stage
 * and tags ({@code simulate} routes through the same function). Its CPU-hours are its job-hours (duration) times
 * the vCPUs of the instance type of the class it routes to ({@link Fleet#instanceTypeOf}). A job that stays (no
 * route, or a tag fix keeps where it is) counts in jobs and job-hours, and in CPU-hours only when the local runner's
 * vCPUs are given. A job without a duration (canceled before it
 * started) counts as 0. A job counts for the day it started (else was created) in the chosen time zone.
 *
 * @param jobs                 jobs in the history
 * @param pipelines            distinct pipelines, told apart as {@code simulate} does ({@link HistoryPipelines}:
 *                             project and pipeline id, else project and creation time)
 * @param jobsWithoutPipeline  jobs with neither pipeline id nor creation time (not in {@code pipelines})
 * @param jobsWithoutDuration  jobs without a duration (counted as 0)
 * @param jobHours             the sum of job durations
 * @param cpuHours             the sum of duration × vCPU over jobs routed to the cloud
 * @param zone                 the time zone of the days
 * @param days                 every day from the first to the last, quiet ones included
 * @param periodDays           the length of the period in days (the window's, else the number of days)
 * @param routes               per route of the rules, in their order
 * @param local                jobs that stay where they are (no route, or kept by fix's rules)
 * @param notes                assumptions the numbers rest on (a class without instance type)
 * @param pipelinesHow         how pipelines without an id were told apart, empty when all had one
 * @param stays                jobs that stay, by the routing's reason
 * @param artifactBytes        bytes of artifacts the jobs uploaded, or null when the history has no sizes
 */
public record UsageSummary(int jobs, int pipelines, int jobsWithoutPipeline, int jobsWithoutDuration,
                           double jobHours, double cpuHours, ZoneId zone, List<Day> days, double periodDays,
                           List<RouteTotal> routes, RouteTotal local, List<String> notes, String pipelinesHow,
                           Map<String, Integer> stays, Long artifactBytes) {
    /** A day under this many CPU-hours is quiet (the design document's "quiet days &lt;1h"). */
    public static final double QUIET_BELOW = 1.0;

    public UsageSummary {
        Objects.requireNonNull(zone, "zone");
        days = List.copyOf(days);
        routes = List.copyOf(routes);
        Objects.requireNonNull(local, "local");
        notes = List.copyOf(notes);
        Objects.requireNonNull(pipelinesHow, "pipelinesHow");
        stays = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stays));
    }

    /** One day's totals. */
    public record Day(LocalDate date, int jobs, double jobHours, double cpuHours) {
    }

    /**
     * One route's totals.
     *
     * @param route        the route's name, or null for jobs no route matches
     * @param className    the class it sends jobs to ({@code local} for none)
     * @param instanceType the class's instance type, or null
     * @param vcpu         its vCPUs (0 for local)
     */
    public record RouteTotal(String route, String className, String instanceType, double vcpu, int jobs,
                             double jobHours, double cpuHours) {
    }

    /** Sums a history routed by {@code fix}'s routing, without a local runner's vCPUs. */
    public static UsageSummary of(List<UsageJob> jobs, Policy policy, HistoryRouting routing, ZoneId zone,
                                  UsageWindow window) {
        return of(jobs, policy, routing, zone, window, null);
    }

    /**
     * Sums a history.
     *
     * @param routing    the routing of history jobs (the command line gives {@code fix}'s; {@code simulate} uses
     *                   the same)
     * @param window     the window the jobs were collected in, or null to take the days from the first job's to the
     *                   last job's
     * @param localVcpus the local runner's vCPUs, counted in the CPU-hours of jobs that stay; null to leave them out
     */
    public static UsageSummary of(List<UsageJob> jobs, Policy policy, HistoryRouting routing, ZoneId zone,
                                  UsageWindow window, Double localVcpus) {
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(zone, "zone");
        Fleet fleet = policy.fleet();
        List<String> notes = new ArrayList<>();
        Map<String, InstanceType> typeOfClass = new LinkedHashMap<>();
        for (String cls : policy.routing().classes().keySet()) {
            typeOfClass.put(cls, fleet.instanceTypeOf(cls));
        }
        Map<String, Acc> perRoute = new LinkedHashMap<>();
        for (Route r : policy.routing().routes()) {
            perRoute.put(r.name(), new Acc());
        }
        Acc local = new Acc();
        Map<String, Integer> stays = new LinkedHashMap<>();
        Map<LocalDate, Acc> perDay = new TreeMap<>();
        HistoryPipelines pipelines = new HistoryPipelines();
        int withoutDuration = 0;
        double jobSeconds = 0;
        double cpuSeconds = 0;
        long artifactBytes = 0;
        boolean artifactSizes = false;
        Set<String> unknownClasses = new java.util.TreeSet<>();
        Map<HistoryRouting.Job, Integer> distinct = new LinkedHashMap<>();
        int[] key = new int[jobs.size()];
        for (int i = 0; i < jobs.size(); i++) {
            UsageJob j = jobs.get(i);
            HistoryRouting.Job k = new HistoryRouting.Job(j.name(), j.stage(), j.tags());
            Integer known = distinct.putIfAbsent(k, distinct.size());
            key[i] = known == null ? distinct.size() - 1 : known;
        }
        List<HistoryRouting.Routed> answers = routing.route(List.copyOf(distinct.keySet()));
        for (int i = 0; i < jobs.size(); i++) {
            UsageJob j = jobs.get(i);
            pipelines.add(j.project(), j.pipelineId(), j.createdAt() == null ? Long.MIN_VALUE
                    : j.createdAt().toEpochMilli(), Long.MIN_VALUE);
            Double run = j.runSeconds();
            if (run == null) {
                withoutDuration++;
            }
            if (j.artifactsSize() != null) {
                artifactSizes = true;
                artifactBytes += j.artifactsSize();
            }
            double seconds = run == null ? 0 : run;
            double cpu;
            HistoryRouting.Routed routed = answers.get(key[i]);
            if (routed.cloud() && perRoute.containsKey(routed.route())) {
                InstanceType t = typeOfClass.get(routed.className());
                if (t == null) {
                    unknownClasses.add(routed.className());
                }
                cpu = seconds * (t == null ? 1 : t.vcpu());
                perRoute.get(routed.route()).add(seconds, cpu);
            } else {
                cpu = localVcpus == null ? 0 : seconds * localVcpus;
                local.add(seconds, cpu);
                stays.merge(routed.cloud() ? "route \"" + routed.route() + "\" unknown" : routed.reason(), 1,
                        Integer::sum);
            }
            jobSeconds += seconds;
            cpuSeconds += cpu;
            Instant when = j.when();
            if (when != null) {
                perDay.computeIfAbsent(LocalDate.ofInstant(when, zone), d -> new Acc()).add(seconds, cpu);
            }
        }
        unknownClasses.forEach(c -> notes.add("class " + c + " has no instance type in fleet.instance_types: its"
                + " jobs are counted at 1 vCPU"));

        List<Day> days = new ArrayList<>();
        LocalDate first = window == null ? null : LocalDate.ofInstant(window.since(), zone);
        LocalDate last = window == null ? null : LocalDate.ofInstant(window.until().minusMillis(1), zone);
        if (!perDay.isEmpty()) {
            LocalDate lo = ((TreeMap<LocalDate, Acc>) perDay).firstKey();
            LocalDate hi = ((TreeMap<LocalDate, Acc>) perDay).lastKey();
            first = first == null || lo.isBefore(first) ? lo : first;
            last = last == null || hi.isAfter(last) ? hi : last;
        }
        if (first != null && last != null) {
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                Acc a = perDay.getOrDefault(d, new Acc());
                days.add(new Day(d, a.jobs, a.seconds / 3600, a.cpuSeconds / 3600));
            }
        }
        List<RouteTotal> routes = new ArrayList<>();
        for (Route r : policy.routing().routes()) {
            Acc a = perRoute.get(r.name());
            InstanceType t = typeOfClass.get(r.className());
            routes.add(new RouteTotal(r.name(), r.className(), t == null ? null : t.name(), t == null ? 1 : t.vcpu(),
                    a.jobs, a.seconds / 3600, a.cpuSeconds / 3600));
        }
        return new UsageSummary(jobs.size(), pipelines.count(), pipelines.jobsWithoutPipeline(), withoutDuration,
                jobSeconds / 3600, cpuSeconds / 3600, zone, days,
                window == null ? days.size() : java.time.Duration.between(window.since(), window.until()).toMillis()
                        / 86_400_000d, routes,
                new RouteTotal(null, "local", null, localVcpus == null ? 0 : localVcpus, local.jobs,
                        local.seconds / 3600, local.cpuSeconds / 3600), notes, pipelines.how(), stays,
                artifactSizes ? artifactBytes : null);
    }

    private static final class Acc {
        int jobs;
        double seconds;
        double cpuSeconds;

        void add(double s, double cpu) {
            jobs++;
            seconds += s;
            cpuSeconds += cpu;
        }
    }

    /** The day with the most CPU-hours (the earliest of equals), or null when none has any. */
    public Day busiestDay() {
        Day best = null;
        for (Day d : days) {
            if (d.cpuHours() > 0 && (best == null || d.cpuHours() > best.cpuHours())) {
                best = d;
            }
        }
        return best;
    }

    /** Days under {@link #QUIET_BELOW} CPU-hours. */
    public List<Day> quietDays() {
        return days.stream().filter(d -> d.cpuHours() < QUIET_BELOW).toList();
    }

    /** CPU-hours scaled to 30 days (the design document's monthly projection), or 0 without a period. */
    public double cpuHoursPer30Days() {
        return periodDays <= 0 ? 0 : cpuHours * 30 / periodDays;
    }

    // ---------------------------------------------------------------- rendering

    /** The summary for people. */
    public String text() {
        StringBuilder b = new StringBuilder();
        String period = days.isEmpty() ? "no days"
                : days.size() + " day" + (days.size() == 1 ? "" : "s") + ", " + days.get(0).date() + " to "
                        + days.get(days.size() - 1).date() + " (" + zone.getId() + ")";
        row(b, "period", period);
        row(b, "pipelines", pipelines + (pipelinesHow.isEmpty() ? "" : " (" + pipelinesHow + ")"));
        row(b, "jobs", jobs + (jobsWithoutDuration > 0 ? " (" + jobsWithoutDuration + " without a duration, counted"
                + " as 0)" : ""));
        row(b, "job-hours", hours(jobHours) + " (the jobs' durations added up)");
        row(b, "CPU-hours", hours(cpuHours) + " (job-hours x vCPU of the class each job routes to"
                + (local.vcpu() > 0 ? ", or of the local runner" : "") + "; " + hours(cpuHoursPer30Days())
                + " per 30 days)");
        if (artifactBytes != null) {
            row(b, "artifacts", String.format(Locale.ROOT, "%.3f GB uploaded", artifactBytes / 1e9));
        }
        Day busiest = busiestDay();
        row(b, "busiest day", busiest == null ? "none" : busiest.date() + ": " + hours(busiest.cpuHours())
                + " CPU-hours, " + busiest.jobs() + " job" + (busiest.jobs() == 1 ? "" : "s"));
        row(b, "quiet days", quietDays().size() + " of " + days.size() + " under " + number(QUIET_BELOW)
                + " CPU-hour");
        b.append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ROUTE", "CLASS", "INSTANCE", "VCPU", "JOBS", "JOB-HOURS", "CPU-HOURS"});
        for (RouteTotal r : routes) {
            rows.add(new String[] {r.route(), r.className(), r.instanceType() == null ? "-" : r.instanceType(),
                    number(r.vcpu()), String.valueOf(r.jobs()), hours(r.jobHours()), hours(r.cpuHours())});
        }
        rows.add(new String[] {"(stays)", "local", "-", local.vcpu() > 0 ? number(local.vcpu()) : "-",
                String.valueOf(local.jobs()), hours(local.jobHours()), local.vcpu() > 0 ? hours(local.cpuHours())
                : "-"});
        int[] width = new int[7];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                boolean right = i >= 3;
                String pad = " ".repeat(width[i] - r[i].length());
                line.append(i == 0 ? "" : "  ").append(right ? pad + r[i] : r[i] + (i == r.length - 1 ? "" : pad));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        stays.forEach((reason, count) -> b.append("stays: ").append(count).append(" job").append(count == 1 ? "" : "s")
                .append(": ").append(reason).append('\n'));
        for (String n : notes) {
            b.append("note: ").append(n).append('\n');
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String label, String value) {
        b.append(label).append(" ".repeat(Math.max(1, 13 - label.length()))).append(value).append('\n');
    }

    /** The summary's fields, written into an open JSON object. */
    public void json(Json j) {
        j.field("pipelines", pipelines).field("pipelines_how", pipelinesHow.isEmpty() ? null : pipelinesHow);
        j.field("jobs_without_pipeline", jobsWithoutPipeline).field("jobs", jobs)
                .field("jobs_without_duration", jobsWithoutDuration);
        j.name("job_hours").raw(decimal(jobHours)).name("cpu_hours").raw(decimal(cpuHours))
                .name("cpu_hours_per_30_days").raw(decimal(cpuHoursPer30Days()));
        j.field("time_zone", zone.getId());
        Day busiest = busiestDay();
        j.name("busiest_day");
        if (busiest == null) {
            j.value((String) null);
        } else {
            day(j, busiest);
        }
        j.name("quiet_days").beginObject().name("below_cpu_hours").raw(decimal(QUIET_BELOW))
                .field("count", quietDays().size()).field("of", days.size()).endObject();
        j.name("routes").beginArray();
        for (RouteTotal r : routes) {
            route(j, r);
        }
        j.endArray();
        j.name("local");
        route(j, local);
        j.field("routed", routes.stream().mapToInt(RouteTotal::jobs).sum());
        j.name("stays").beginObject();
        stays.forEach(j::field);
        j.endObject();
        j.name("artifacts_bytes");
        if (artifactBytes == null) {
            j.value((String) null);
        } else {
            j.value(artifactBytes);
        }
        j.name("days").beginArray();
        days.forEach(d -> day(j, d));
        j.endArray();
        j.name("notes").beginArray();
        notes.forEach(j::value);
        j.endArray();
    }

    private static void day(Json j, Day d) {
        j.beginObject().field("date", d.date().toString()).field("jobs", d.jobs()).name("job_hours")
                .raw(decimal(d.jobHours())).name("cpu_hours").raw(decimal(d.cpuHours())).endObject();
    }

    private static void route(Json j, RouteTotal r) {
        j.beginObject().field("route", r.route()).field("class", r.className())
                .field("instance_type", r.instanceType()).name("vcpu").raw(decimal(r.vcpu())).field("jobs", r.jobs())
                .name("job_hours").raw(decimal(r.jobHours())).name("cpu_hours").raw(decimal(r.cpuHours()))
                .endObject();
    }

    /** Hours with two decimals, for people. */
    static String hours(double h) {
        return String.format(Locale.ROOT, "%.2f", h);
    }

    private static String number(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** A JSON number with at most three decimals. */
    static String decimal(double d) {
        return BigDecimal.valueOf(d).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
