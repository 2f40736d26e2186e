package dev.spotlane.fleet.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spot prices in USD per instance-hour, by instance type ({@code t4g.medium}) or by class name ({@code t4g}; a
 * class name wins over its instance type).
 *
 * <p>The defaults are the design document's table, typical us-east-1 spot prices: assumptions to verify with
 * {@code aws ec2 describe-spot-price-history}. A prices file overrides and adds to them, one price a line:
 * <pre>
 * # USD per hour
 * t4g.medium: 0.0118
 * c7g.large = 0.031
 * on_demand.t4g.nano: 0.0042    # the manager, on demand
 * public_ipv4_hour: 0.005       # any unit price of {@link CostRates}
 * </pre>
 * or it is the JSON {@code aws ec2 describe-spot-price-history} prints ({@link SpotPriceHistory}): the mean price
 * per instance type over its availability zones and the period.
 */
public final class Prices {
    /** The design document's table. */
    public static final Map<String, Double> ASSUMED;

    static {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("t4g.medium", 0.012);
        m.put("t4g.large", 0.024);
        m.put("c7g.large", 0.029);
        ASSUMED = Collections.unmodifiableMap(m);
    }

    /** What to do to check an assumed price. */
    public static final String VERIFY = "assumed spot prices; verify with aws ec2 describe-spot-price-history";

    private static final Pattern LINE = Pattern.compile("\\s*([A-Za-z0-9][A-Za-z0-9._-]*)\\s*[:=]\\s*\\$?"
            + "([0-9]+(?:\\.[0-9]+)?)\\s*(?:#.*)?");

    /** The prefix of an on-demand price in a prices file. */
    static final String ON_DEMAND = "on_demand.";

    private final String source;
    private final Map<String, Double> given;
    private final Map<String, String> details;
    private final Map<String, Double> onDemand;

    private Prices(String source, Map<String, Double> given, Map<String, String> details,
                   Map<String, Double> onDemand) {
        this.source = source;
        this.given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        this.onDemand = Collections.unmodifiableMap(new LinkedHashMap<>(onDemand));
    }

    /**
     * A price for a class.
     *
     * @param key     the class name or instance type it was found under
     * @param perHour USD per instance-hour
     * @param assumed true when it is the design document's figure rather than one from a prices file
     */
    public record Price(String key, double perHour, boolean assumed) {
        public Price {
            Objects.requireNonNull(key, "key");
        }
    }

    /** The design document's prices only. */
    public static Prices assumed() {
        return new Prices(null, Map.of(), Map.of(), Map.of());
    }

    /** Reads a prices file. */
    public static Prices read(Path file) throws IOException, SimulationInputException {
        Objects.requireNonNull(file, "file");
        // a regular file of at most 8 MiB, size checked before reading (a price list is a few lines)
        return parse(file.toString(), new String(dev.spotlane.yaml.SafeFiles.read(file, file.toString()),
                StandardCharsets.UTF_8));
    }

    /** Parses a prices file; {@code name} is used in messages. */
    public static Prices parse(String name, String text) throws SimulationInputException {
        Objects.requireNonNull(name, "name");
        if (SpotPriceHistory.looksLikeJson(text)) {
            SpotPriceHistory.Parsed p = SpotPriceHistory.parse(name, text);
            return new Prices(name, p.spot(), p.details(), p.onDemand());
        }
        Map<String, Double> given = new LinkedHashMap<>();
        Map<String, Double> onDemand = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = i == 0 && lines[i].startsWith("\uFEFF") ? lines[i].substring(1) : lines[i];
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new SimulationInputException(name + ":" + (i + 1) + ": expected \"INSTANCE_TYPE: PRICE\" (USD"
                        + " per hour, e.g. \"t4g.medium: 0.012\"), found \"" + line.strip() + "\"");
            }
            double price = Double.parseDouble(m.group(2));
            boolean od = m.group(1).startsWith(ON_DEMAND) && m.group(1).length() > ON_DEMAND.length();
            if ((od ? onDemand.put(m.group(1).substring(ON_DEMAND.length()), price)
                    : given.put(m.group(1), price)) != null) {
                throw new SimulationInputException(name + ":" + (i + 1) + ": \"" + m.group(1)
                        + "\" is priced twice");
            }
        }
        return new Prices(name, given, Map.of(), onDemand);
    }

    /** The file the prices came from, or null for the design document's. */
    public String source() {
        return source;
    }

    /** A unit price or spot price the file gives under a key, or null. */
    Double given(String key) {
        return given.get(key);
    }

    /** An on-demand price the file gives for an instance type, or null. */
    Double onDemand(String instanceType) {
        return onDemand.get(instanceType);
    }

    /** How a price was computed (the spot price history's mean), or null for a price given as is. */
    public String detail(String key) {
        return details.get(key);
    }

    /** Every spot price given, by instance type or class, with how it was computed: for {@code --prices} checks. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        given.forEach((k, v) -> b.append(k).append(": $").append(Bill.number6(v))
                .append(CostRates.KEYS.contains(k) ? "" : "/h spot").append(details.containsKey(k) ? " ("
                        + details.get(k) + ")" : "").append('\n'));
        onDemand.forEach((k, v) -> b.append(k).append(": $").append(Bill.number6(v)).append("/h on demand\n"));
        return b.toString();
    }

    /** The price of a class: by class name, else by its instance type, from the file first, then assumed. */
    public Optional<Price> lookup(String className, String instanceType) {
        Objects.requireNonNull(className, "className");
        if (given.containsKey(className)) {
            return Optional.of(new Price(className, given.get(className), false));
        }
        if (instanceType != null && given.containsKey(instanceType)) {
            return Optional.of(new Price(instanceType, given.get(instanceType), false));
        }
        if (instanceType != null && ASSUMED.containsKey(instanceType)) {
            return Optional.of(new Price(instanceType, ASSUMED.get(instanceType), true));
        }
        return Optional.empty();
    }
}
