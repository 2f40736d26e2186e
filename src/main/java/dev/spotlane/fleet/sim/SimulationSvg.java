package dev.spotlane.fleet.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The chart of {@code spotlane simulate --svg}: the monthly bill per idle_time as bars, compute stacked by class and
 * the other lines of the bill (manager, public IPv4 or NAT gateway, EBS, S3 cache, egress) on top, the bar's label the
 * whole bill (left axis),
 * the p95 added wait as a line (right axis) with the bound dashed, and the recommended idle_time highlighted.
 * Hand-written SVG 1.1, no scripts, fonts from the viewer's sans-serif.
 */
public final class SimulationSvg {
    private static final String[] COLORS = {"#4C78A8", "#F58518", "#54A24B", "#B279A2", "#9D755D", "#72B7B2"};
    private static final String WAIT = "#C0392B";
    private static final String OTHER = "#BAB0AC";
    private static final String OTHER_LABEL = "other lines of the bill";
    private static final String INK = "#222222";
    private static final String MUTED = "#666666";
    private static final String GRID = "#E3E3E3";

    private static final int WIDTH = 860;
    private static final int LEFT = 88;
    private static final int RIGHT = WIDTH - 88;
    private static final int TOP = 128;
    private static final int PLOT = 300;

    private SimulationSvg() {
    }

    public static String render(SimulationReport report) {
        Objects.requireNonNull(report, "report");
        List<IdleTimeResult> results = report.results();
        double month = report.monthFactor();
        boolean byCost = results.stream().allMatch(r -> r.cost() != null);
        // with a priced bill, the other lines (manager, IPv4 or NAT, EBS, S3, egress) stack on top of compute
        boolean billed = byCost && results.stream().allMatch(r -> r.totalPerMonth() != null);
        int n = results.size();
        List<String> classes = report.workload().classes();
        int segments = classes.size() + (billed ? 1 : 0);

        double[][] stack = new double[n][segments];
        double[] totals = new double[n];
        double[] waits = new double[n];
        for (int i = 0; i < n; i++) {
            IdleTimeResult r = results.get(i);
            for (int c = 0; c < classes.size(); c++) {
                ClassResult cr = r.classes().get(c);
                stack[i][c] = (byCost ? cr.cost() : cr.vmHours()) * month;
                totals[i] += stack[i][c];
            }
            if (billed) {
                stack[i][classes.size()] = r.bill().otherPerMonth();
                totals[i] += stack[i][classes.size()];
            }
            waits[i] = r.total().waitPercentile(95) / 1000d;
        }
        double bound = report.options().maxP95Wait() / 1000d;
        Axis left = Axis.of(max(totals) * 1.06, 0);
        Axis right = Axis.of(Math.max(max(waits), bound) * 1.08, left.steps());

        Workload w = report.workload();
        List<String> subtitle = wrap(w.routed() + " routed jobs from " + w.source() + ", " + days(w.periodDays())
                + " scaled to a " + SimulationReport.MONTH_DAYS + "-day month; cold start "
                + SimulationText.coldStart(report.options()) + "; " + SimulationText.settings(report), 13);
        List<String> notes = new ArrayList<>(wrap(SimulationText.prices(report), 11.5));
        notes.addAll(wrap("VM-hours include idle and boot time, at least a minute per instance. Added wait: from a"
                + " job becoming pending to its start on a worker.", 11.5));
        int top = TOP + 17 * (subtitle.size() - 1);
        int bottom = top + PLOT;
        int height = bottom + 84 + 16 * notes.size();

        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"13\">\n");
        s.append("<title>spotlane simulate: ").append(byCost ? "cost" : "VM-hours")
                .append(" and p95 added wait by idle_time</title>\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>\n");

        // titles
        text(s, LEFT, 34, "start", 19, "bold", INK, (billed ? "The monthly bill" : byCost ? "Compute cost"
                : "VM-hours") + (billed ? "" : " a month") + " and p95 added wait, by idle_time");
        for (int k = 0; k < subtitle.size(); k++) {
            text(s, LEFT, 56 + 17 * k, "start", 13, "normal", MUTED, subtitle.get(k));
        }

        // legend
        int lx = LEFT;
        int ly = 86 + 17 * (subtitle.size() - 1);
        for (int c = 0; c < classes.size(); c++) {
            ClassResult cr = results.get(0).classes().get(c);
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/>%n",
                    lx, ly - 11, COLORS[c % COLORS.length]));
            String label = cr.className() + (cr.instanceType() == null ? "" : " (" + cr.instanceType() + ")");
            text(s, lx + 20, ly, "start", 13, "normal", INK, label);
            lx += 20 + width(label, 13) + 22;
        }
        if (billed) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/>%n",
                    lx, ly - 11, OTHER));
            text(s, lx + 20, ly, "start", 13, "normal", INK, OTHER_LABEL);
            lx += 20 + width(OTHER_LABEL, 13) + 22;
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
                + " stroke-width=\"2.5\"/>%n", lx, ly - 4, lx + 26, ly - 4, WAIT));
        s.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"4.5\" fill=\"%s\"/>%n", lx + 13,
                ly - 4, WAIT));
        text(s, lx + 32, ly, "start", 13, "normal", INK, "p95 added wait");
        lx += 32 + width("p95 added wait", 13) + 22;
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
                + " stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>%n", lx, ly - 4, lx + 26, ly - 4, WAIT));
        text(s, lx + 32, ly, "start", 13, "normal", INK, "bound " + Durations.seconds(report.options()
                .maxP95Wait()));

        // recommended band
        double band = (RIGHT - LEFT) / (double) n;
        int rec = 0;
        for (int i = 0; i < n; i++) {
            if (results.get(i).idleTime() == report.recommendation().idleTime()) {
                rec = i;
            }
        }
        s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\""
                        + " fill=\"#FFF3C4\"/>%n", LEFT + rec * band + 4, top - 8, band - 8, bottom - top + 8));

        // grid and left axis
        for (double v = 0; v <= left.max + 1e-9; v += left.step) {
            double y = yOf(top, bottom, v, left.max);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                    LEFT, y, RIGHT, y, v == 0 ? "#999999" : GRID));
            text(s, LEFT - 8, y + 4.5, "end", 12, "normal", MUTED, (byCost ? "$" : "") + tick(v, left.step));
        }
        // right axis
        for (double v = 0; v <= right.max + 1e-9; v += right.step) {
            double y = yOf(top, bottom, v, right.max);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                    RIGHT, y, RIGHT + 5, y, WAIT));
            text(s, RIGHT + 9, y + 4.5, "start", 12, "normal", WAIT, tick(v, right.step) + "s");
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>%n",
                RIGHT, top, RIGHT, bottom, WAIT));
        int mid = (top + bottom) / 2;
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" transform=\"rotate(-90 %d %d)\""
                        + " text-anchor=\"middle\" font-size=\"13\" fill=\"%s\">%s</text>%n", 24, mid, 24, mid, INK,
                byCost ? "cost a month (USD)" : "VM-hours a month"));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" transform=\"rotate(90 %d %d)\""
                        + " text-anchor=\"middle\" font-size=\"13\" fill=\"%s\">%s</text>%n", WIDTH - 22, mid,
                WIDTH - 22, mid, WAIT, "p95 added wait (seconds)"));

        // bars
        double barWidth = Math.min(96, band * 0.46);
        double[] costLabelY = new double[n];
        for (int i = 0; i < n; i++) {
            double cx = LEFT + (i + 0.5) * band;
            double base = 0;
            for (int c = 0; c < segments; c++) {
                double y0 = yOf(top, bottom, base, left.max);
                double y1 = yOf(top, bottom, base + stack[i][c], left.max);
                if (y0 - y1 > 0.05) {
                    s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                            + " fill=\"%s\"><title>%s</title></rect>%n", cx - barWidth / 2, y1, barWidth, y0 - y1,
                            c < classes.size() ? COLORS[c % COLORS.length] : OTHER, esc((c < classes.size()
                                    ? classes.get(c) : OTHER_LABEL) + ": " + value(stack[i][c], byCost))));
                }
                base += stack[i][c];
            }
            // the cost above the bar, or inside its top when the wait point sits where the label would
            double barTop = yOf(top, bottom, totals[i], left.max);
            double waitY = yOf(top, bottom, waits[i], right.max);
            boolean inside = waitY > barTop - 24 && waitY < barTop + 4 && bottom - barTop > 26;
            costLabelY[i] = inside ? barTop + 17 : barTop - 7;
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"13\""
                            + " font-weight=\"bold\" fill=\"%s\"%s>%s</text>%n", cx, costLabelY[i],
                    inside ? "#FFFFFF" : INK,
                    inside ? "" : " stroke=\"#FFFFFF\" stroke-width=\"3\" paint-order=\"stroke\"",
                    esc(value(totals[i], byCost))));
            text(s, cx, bottom + 22, "middle", 14, i == rec ? "bold" : "normal", INK,
                    Durations.format(results.get(i).idleTime()));
            if (results.get(i).idleTime() == report.options().rulesIdleTime()) {
                text(s, cx, bottom + 37, "middle", 11, "normal", MUTED, "in the rules");
            }
        }
        text(s, LEFT + rec * band + band / 2, top + 8, "middle", 12, "bold", "#8A6D00", "recommended");
        text(s, (LEFT + RIGHT) / 2d, bottom + 56, "middle", 13, "normal", INK, "idle_time");

        // bound and wait line
        double by = yOf(top, bottom, bound, right.max);
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\""
                + " stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>%n", LEFT, by, RIGHT, by, WAIT));
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < n; i++) {
            points.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f",
                    LEFT + (i + 0.5) * band, yOf(top, bottom, waits[i], right.max)));
        }
        s.append("<polyline points=\"").append(points).append("\" fill=\"none\" stroke=\"").append(WAIT)
                .append("\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>\n");
        for (int i = 0; i < n; i++) {
            double cx = LEFT + (i + 0.5) * band;
            double cy = yOf(top, bottom, waits[i], right.max);
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\" stroke=\"#FFFFFF\""
                    + " stroke-width=\"1.5\"/>%n", cx, cy, WAIT));
            // above right of the point, or below it when that would run into the bar's cost label
            double labelX = cx + 9;
            double labelY = cy - 7;
            if (Math.abs(cy - 7 - costLabelY[i]) < 16) {
                if (cy + 19 <= bottom - 4) {
                    labelY = cy + 19;
                } else {
                    labelX = cx + barWidth / 2 + 6;
                }
            }
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"start\" font-size=\"12\""
                            + " font-weight=\"bold\" fill=\"%s\" stroke=\"#FFFFFF\" stroke-width=\"3\""
                            + " paint-order=\"stroke\">%s</text>%n", labelX, labelY, WAIT,
                    esc(Durations.seconds(results.get(i).total().waitPercentile(95)))));
        }

        // footnote
        for (int k = 0; k < notes.size(); k++) {
            text(s, LEFT, bottom + 86 + k * 16, "start", 11.5, "normal", MUTED, notes.get(k));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    /** A value axis from 0: a nice step and a top that is a whole number of steps. */
    private record Axis(double max, double step) {
        /** About five steps, or exactly {@code steps} when given (so two axes share their grid lines). */
        static Axis of(double top, int steps) {
            double t = top <= 0 ? 1 : top;
            double[] nice = {1, 2, 2.5, 5};
            if (steps > 0) {
                double raw = t / steps;
                double mag = Math.pow(10, Math.floor(Math.log10(raw)));
                for (double m : nice) {
                    if (m * mag >= raw - 1e-12) {
                        return new Axis(steps * m * mag, m * mag);
                    }
                }
                return new Axis(steps * 10 * mag, 10 * mag);
            }
            double best = 0;
            long bestSteps = 0;
            double mag = Math.pow(10, Math.floor(Math.log10(t / 5)));
            for (double scale : new double[] {mag / 10, mag, mag * 10}) {
                for (double m : nice) {
                    double step = m * scale;
                    long count = (long) Math.ceil(t / step - 1e-9);
                    if (count >= 3 && count <= 7 && (best == 0 || Math.abs(count - 5) < Math.abs(bestSteps - 5)
                            || Math.abs(count - 5) == Math.abs(bestSteps - 5) && step > best)) {
                        best = step;
                        bestSteps = count;
                    }
                }
            }
            return new Axis(bestSteps * best, best);
        }

        int steps() {
            return (int) Math.round(max / step);
        }
    }

    /** Splits text into lines that fit the plot's width. */
    private static List<String> wrap(String text, double size) {
        int max = (int) ((RIGHT + 40 - LEFT) / (size * 0.56));
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > max) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static double yOf(int top, int bottom, double v, double max) {
        return bottom - v / max * (bottom - top);
    }

    private static double max(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static String value(double v, boolean money) {
        return money ? "$" + String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.0f h", v);
    }

    private static String tick(double v, double step) {
        if (step >= 1 && v == Math.rint(v)) {
            return String.valueOf((long) v);
        }
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String days(double d) {
        return (d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.2f", d))
                + (d == 1 ? " day" : " days");
    }

    /** A rough text width for layout (Helvetica averages about 0.55 em). */
    private static int width(String text, double size) {
        return (int) Math.ceil(text.length() * size * 0.56);
    }

    private static void text(StringBuilder s, double x, double y, String anchor, double size, String weight,
                             String color, String text) {
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%s\"%s"
                        + " fill=\"%s\">%s</text>%n", x, y, anchor, trim(size), "bold".equals(weight)
                        ? " font-weight=\"bold\"" : "", color, esc(text)));
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
