package dev.spotlane.fleet.sim;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The fleet's monthly bill at one {@code idle_time}: the spot instances (compute), and everything else the fleet
 * pays for (manager, public IPv4 or NAT gateway, EBS, S3 cache, egress), each line with the figure used and where it
 * came from. Built by {@link BillModel}.
 *
 * @param compute one line per class
 * @param other   the other lines, in a fixed order
 * @param notes   what the user should know about the figures (a manager that cannot reach the workers, ...)
 */
public record Bill(List<Line> compute, List<Line> other, List<String> notes) {
    public Bill {
        compute = List.copyOf(compute);
        other = List.copyOf(other);
        notes = List.copyOf(notes);
    }

    /**
     * One line.
     *
     * @param item     what is paid for ({@code compute t4g}, {@code public IPv4}, ...)
     * @param quantity how much a month, for people ({@code 41.3 VM-hours})
     * @param rate     the unit prices used, for people ({@code $0.012/h})
     * @param source   where the unit prices came from ({@code assumed: ...}, the rules, {@code --prices FILE})
     * @param assumed  true while some figure of the line is an assumption the user has not overridden
     * @param perMonth USD a month, or null when a price is missing
     */
    public record Line(String item, String quantity, String rate, String source, boolean assumed, Double perMonth) {
        public Line {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(quantity, "quantity");
            Objects.requireNonNull(rate, "rate");
            Objects.requireNonNull(source, "source");
        }
    }

    /** Compute a month, or null when a class has no price. */
    public Double computePerMonth() {
        return sum(compute);
    }

    /** The other lines a month, or null when one has no price. */
    public Double otherPerMonth() {
        return sum(other);
    }

    /** The whole bill a month, or null when some line has no price. */
    public Double totalPerMonth() {
        Double c = computePerMonth();
        Double o = otherPerMonth();
        return c == null || o == null ? null : c + o;
    }

    /** True when some line rests on an assumed figure. */
    public boolean assumed() {
        return compute.stream().anyMatch(Line::assumed) || other.stream().anyMatch(Line::assumed);
    }

    private static Double sum(List<Line> lines) {
        double s = 0;
        for (Line l : lines) {
            if (l.perMonth() == null) {
                return null;
            }
            s += l.perMonth();
        }
        return s;
    }

    /** A price with up to six decimals, trailing zeros dropped ({@code 0.012345}). */
    static String number6(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** A number for people: up to four decimals, trailing zeros dropped ({@code 0.005}, {@code 100}). */
    static String number(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
