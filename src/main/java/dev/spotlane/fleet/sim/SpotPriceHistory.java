package dev.spotlane.fleet.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads what {@code aws ec2 describe-spot-price-history} prints ({@code {"SpotPriceHistory": [{"AvailabilityZone",
 * "InstanceType", "ProductDescription", "SpotPrice", "Timestamp"}, ...]}}) into one price per instance type.
 *
 * <p>A spot price history lists the moments a price changed: each price holds in its availability zone from its
 * timestamp to the next one of that zone (the last to the end of the period). Per instance type, the price is the
 * mean over its availability zones of each zone's time-weighted mean over the period the file covers (its first to
 * its last Linux timestamp, the {@code --start-time}/{@code --end-time} the user asked for as far as the file
 * shows; a zone with a single price at the end counts that price). Only Linux prices
 * ({@code Linux/UNIX}, {@code Linux/UNIX (Amazon VPC)}) count: the runners' workers run Linux. {@code SpotPrice} is
 * a decimal string (read exactly); the order of entries does not matter (the API's order differs between versions);
 * unknown fields ({@code AvailabilityZoneId}) and {@code NextToken} are ignored.
 *
 * <p>As an extension, a top-level {@code "OnDemand": {"t4g.nano": "0.0042"}} gives on-demand prices (for the
 * manager) in the same file.
 */
final class SpotPriceHistory {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SpotPriceHistory() {
    }

    /**
     * What a file gave.
     *
     * @param spot     USD per hour by instance type
     * @param details  how each was computed, by instance type
     * @param onDemand on-demand USD per hour by instance type
     */
    record Parsed(Map<String, Double> spot, Map<String, String> details, Map<String, Double> onDemand) {
    }

    private record Point(String zone, long at, BigDecimal price) {
    }

    /** True when the text looks like JSON (an object), not a prices list. */
    static boolean looksLikeJson(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return t.stripLeading().startsWith("{");
    }

    static Parsed parse(String name, String text) throws SimulationInputException {
        JsonNode root;
        try {
            root = MAPPER.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new SimulationInputException(name + (loc == null ? "" : ":" + loc.getLineNr() + ":"
                    + loc.getColumnNr()) + ": invalid JSON: " + (e.getOriginalMessage() == null ? "" : e
                    .getOriginalMessage().lines().findFirst().orElse("")));
        }
        if (root == null || !root.isObject()) {
            throw new SimulationInputException(name + ": expected the JSON object aws ec2 describe-spot-price-history"
                    + " prints ({\"SpotPriceHistory\": [...]})");
        }
        JsonNode history = root.get("SpotPriceHistory");
        JsonNode onDemandNode = root.get("OnDemand");
        if ((history == null || !history.isArray()) && (onDemandNode == null || !onDemandNode.isObject())) {
            throw new SimulationInputException(name + ": no \"SpotPriceHistory\" array; expected the output of aws"
                    + " ec2 describe-spot-price-history --output json");
        }
        Map<String, List<Point>> byType = new TreeMap<>();
        Map<String, Integer> skipped = new TreeMap<>();
        for (int i = 0; history != null && history.isArray() && i < history.size(); i++) {
            JsonNode e = history.get(i);
            String where = name + ": SpotPriceHistory[" + i + "]";
            String type = text(e, "InstanceType", where);
            String zone = text(e, "AvailabilityZone", where);
            String product = e.path("ProductDescription").asText("");
            BigDecimal price = price(e.get("SpotPrice"), where + ".SpotPrice");
            long at = time(text(e, "Timestamp", where), where + ".Timestamp");
            if (!product.startsWith("Linux/UNIX")) {
                skipped.merge(product.isEmpty() ? "no ProductDescription" : product, 1, Integer::sum);
                continue;
            }
            byType.computeIfAbsent(type, k -> new ArrayList<>()).add(new Point(zone, at, price));
        }
        Map<String, Double> spot = new LinkedHashMap<>();
        Map<String, String> details = new LinkedHashMap<>();
        long from = byType.values().stream().flatMap(List::stream).mapToLong(Point::at).min().orElse(0);
        long to = byType.values().stream().flatMap(List::stream).mapToLong(Point::at).max().orElse(0);
        for (Map.Entry<String, List<Point>> e : byType.entrySet()) {
            mean(e.getValue(), e.getKey(), from, to, spot, details);
        }
        if (!skipped.isEmpty()) {
            String s = skipped.entrySet().stream().map(x -> x.getValue() + " " + x.getKey()).reduce((a, b) -> a + ", "
                    + b).orElse("");
            details.replaceAll((k, v) -> v + "; not Linux, left out: " + s);
        }
        Map<String, Double> onDemand = new LinkedHashMap<>();
        if (onDemandNode != null && onDemandNode.isObject()) {
            for (Map.Entry<String, JsonNode> e : onDemandNode.properties()) {
                onDemand.put(e.getKey(), price(e.getValue(), name + ": OnDemand." + e.getKey()).doubleValue());
            }
        }
        if (spot.isEmpty() && onDemand.isEmpty()) {
            throw new SimulationInputException(name + ": no Linux/UNIX spot price in SpotPriceHistory"
                    + (skipped.isEmpty() ? "" : " (only " + String.join(", ", skipped.keySet()) + ")"));
        }
        return new Parsed(spot, details, onDemand);
    }

    /** The mean over zones of each zone's time-weighted mean over the type's period. */
    private static void mean(List<Point> points, String type, long from, long to, Map<String, Double> spot,
                             Map<String, String> details) {
        Map<String, List<Point>> byZone = new TreeMap<>();
        points.forEach(p -> byZone.computeIfAbsent(p.zone(), k -> new ArrayList<>()).add(p));
        double sum = 0;
        for (List<Point> zone : byZone.values()) {
            zone.sort(Comparator.comparingLong(Point::at));
            double weighted = 0;
            long span = 0;
            for (int k = 0; k < zone.size(); k++) {
                long end = k + 1 < zone.size() ? zone.get(k + 1).at() : to;
                long d = end - zone.get(k).at();
                weighted += zone.get(k).price().doubleValue() * d;
                span += d;
            }
            sum += span == 0 ? zone.get(zone.size() - 1).price().doubleValue() : weighted / span;
        }
        double mean = sum / byZone.size();
        spot.put(type, mean);
        details.put(type, String.format(Locale.ROOT, "mean of %d availability zone%s (%s), each time-weighted over"
                        + " the file's period %s to %s; %d price%s", byZone.size(), byZone.size() == 1 ? "" : "s",
                String.join(", ", byZone.keySet()), Instant.ofEpochMilli(from), Instant.ofEpochMilli(to),
                points.size(), points.size() == 1 ? "" : "s"));
    }

    private static String text(JsonNode e, String field, String where) throws SimulationInputException {
        JsonNode v = e == null ? null : e.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new SimulationInputException(where + ": \"" + field + "\" must be a non-empty string");
        }
        return v.asText();
    }

    private static BigDecimal price(JsonNode v, String where) throws SimulationInputException {
        if (v != null && (v.isTextual() || v.isNumber())) {
            try {
                BigDecimal p = new BigDecimal(v.asText().strip());
                if (p.signum() >= 0 && p.compareTo(BigDecimal.valueOf(1000)) <= 0) {
                    return p;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new SimulationInputException(where + ": expected a price in USD per hour such as \"0.012300\", found "
                + (v == null ? "nothing" : v.isTextual() ? "\"" + v.asText() + "\"" : v.toString()));
    }

    private static long time(String text, String where) throws SimulationInputException {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw new SimulationInputException(where + ": \"" + text + "\" is not an ISO-8601 time (e.g."
                        + " 2026-08-20T10:15:00.000Z)");
            }
        }
    }
}
