package dev.spotlane.gitlab.usage;

import dev.spotlane.policy.ClassRunner;
import dev.spotlane.policy.Fleet;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A job history summed up the way the design document does it ("163 pipelines, 1,682 jobs, ~29 CPU-hours; May 2
 * was 5h; quiet days &lt;1h"), under the current rules.
 *
 * <p>Each job is routed as {@code spotlane fix} routes it ({@link dev.spotlane.policy.Routing#route} on its name and
 * stage, no {@code extends} parents: the history does not have them). Its CPU-hours are its duration times the vCPUs
 * of the instance type of the class it routes to: the class's runner's {@code instance_type}, else the first of
 * {@code fleet.instance_types} serving the class. A job no route matches stays local: it counts in jobs and
 * job-hours but not in CPU-hours, which measure the cloud's work. A job without a duration (canceled before it
 * started) counts as 0. A job counts for the day it started (else was created) in the chosen time zone.
 *
 * @param jobs                 jobs in the history
 * @param pipelines            distinct pipelines (project and pipeline id), or null when no job has a pipeline id
 * @param jobsWithoutPipeline  jobs without a pipeline id (not in {@code pipelines})
 * @param jobsWithoutDuration  jobs without a duration (counted as 0)
 * @param jobHours             the sum of job durations
 * @param cpuHours             the sum of duration × vCPU over jobs routed to the cloud
 * @param zone                 the time zone of the days
 * @param days                 every day from the first to the last, quiet ones included
 * @param periodDays           the length of the period in days (the window's, else the number of days)
 * @param routes               per route of the rules, in their order
 * @param local                jobs no route matches
 * @param notes                assumptions the numbers rest on (a class without instance type)
 */
public record UsageSummary(int jobs, Integer pipelines, int jobsWithoutPipeline, int jobsWithoutDuration,
                           double jobHours, double cpuHours, ZoneId zone, List<Day> days, double periodDays,
                           List<RouteTotal> routes, RouteTotal local, List<String> notes) {
    /** A day under this many CPU-hours is quiet (the design document's "quiet days &lt;1h"). */
    public static final double QUIET_BELOW = 1.0;

    public UsageSummary {
        Objects.requireNonNull(zone, "zone");
        days = List.copyOf(days);
        routes = List.copyOf(routes);
        Objects.requireNonNull(local, "local");
        notes = List.copyOf(notes);
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

    /**
     * Sums a history.
     *
     * @param window the window the jobs were collected in, or null to take the days from the first job's to the
     *               last job's
     */
    public static UsageSummary of(List<UsageJob> jobs, Policy policy, ZoneId zone, UsageWindow window) {
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(zone, "zone");
        Fleet fleet = policy.fleet();
        List<String> notes = new ArrayList<>();
        Map<String, InstanceType> typeOfClass = new LinkedHashMap<>();
        for (String cls : policy.routing().classes().keySet()) {
            InstanceType t = instanceType(fleet, cls);
            typeOfClass.put(cls, t);
        }
        Map<String, Acc> perRoute = new LinkedHashMap<>();
        for (Route r : policy.routing().routes()) {
            perRoute.put(r.name(), new Acc());
        }
        Acc local = new Acc();
        Map<LocalDate, Acc> perDay = new TreeMap<>();
        Set<List<String>> pipelines = new HashSet<>();
        int withoutPipeline = 0;
        int withoutDuration = 0;
        double jobSeconds = 0;
        double cpuSeconds = 0;
        Set<String> unknownClasses = new java.util.TreeSet<>();
        for (UsageJob j : jobs) {
            if (j.pipelineId() == null) {
                withoutPipeline++;
            } else {
                pipelines.add(java.util.Arrays.asList(j.project(), j.pipelineId()));
            }
            Double run = j.runSeconds();
            if (run == null) {
                withoutDuration++;
            }
            double seconds = run == null ? 0 : run;
            double cpu = 0;
            Optional<Route> route = j.name() == null ? Optional.empty()
                    : policy.routing().route(j.name(), j.stageOrDefault(), List.of());
            if (route.isPresent()) {
                String cls = route.get().className();
                InstanceType t = typeOfClass.get(cls);
                if (t == null) {
                    unknownClasses.add(cls);
                }
                cpu = seconds * (t == null ? 1 : t.vcpu());
                perRoute.get(route.get().name()).add(seconds, cpu);
            } else {
                local.add(seconds, 0);
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
        return new UsageSummary(jobs.size(), pipelines.isEmpty() && withoutPipeline > 0 ? null : pipelines.size(),
                withoutPipeline, withoutDuration, jobSeconds / 3600, cpuSeconds / 3600, zone, days,
                window == null ? days.size() : java.time.Duration.between(window.since(), window.until()).toMillis()
                        / 86_400_000d, routes,
                new RouteTotal(null, "local", null, 0, local.jobs, local.seconds / 3600, 0), notes);
    }

    /** The instance type of a class: its runner's, else the first the fleet lists for it, else null. */
    static InstanceType instanceType(Fleet fleet, String cls) {
        ClassRunner runner = fleet.runners().get(cls);
        if (runner != null && runner.instanceType() != null && fleet.instanceTypes().containsKey(
                runner.instanceType())) {
            return fleet.instanceTypes().get(runner.instanceType());
        }
        return fleet.instanceTypes().values().stream().filter(t -> t.className().equals(cls)).findFirst()
                .orElse(null);
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
        row(b, "pipelines", pipelines == null ? "unknown: the history has no pipeline ids"
                : pipelines + (jobsWithoutPipeline > 0 ? " (" + jobsWithoutPipeline + " job"
                        + (jobsWithoutPipeline == 1 ? "" : "s") + " without a pipeline id not counted)" : ""));
        row(b, "jobs", jobs + (jobsWithoutDuration > 0 ? " (" + jobsWithoutDuration + " without a duration, counted"
                + " as 0)" : ""));
        row(b, "job-hours", hours(jobHours) + " (the jobs' durations added up)");
        row(b, "CPU-hours", hours(cpuHours) + " (duration x vCPU of the class each job routes to; "
                + hours(cpuHoursPer30Days()) + " per 30 days)");
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
        rows.add(new String[] {"(no route)", "local", "-", "-", String.valueOf(local.jobs()),
                hours(local.jobHours()), "-"});
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
        j.name("pipelines");
        if (pipelines == null) {
            j.value((String) null);
        } else {
            j.value(pipelines);
        }
        j.field("jobs_without_pipeline_id", jobsWithoutPipeline).field("jobs", jobs)
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
