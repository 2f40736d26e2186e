package dev.spotlane.gitlab.usage;

import dev.spotlane.model.CsvRows;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotlane.report.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The job history on disk. {@code jobs.json} is a JSON array with one object a line:
 *
 * <pre>
 * [
 * {"project":"group/app","pipeline_id":"812","name":"lint","stage":"test","tags":["t4g","cloud"],
 *  "runner":"spot t4g","created_at":"2025-05-02T09:00:00Z","started_at":"2025-05-02T09:00:03Z",
 *  "finished_at":"2025-05-02T09:00:41Z","duration":38.2,"queued_duration":2.9}
 * ]
 * </pre>
 *
 * Times are ISO-8601 UTC, durations seconds; a field GitLab did not give is {@code null}. {@code pipeline_id} is the
 * one field beyond {@code spotlane simulate}'s format, which reads it too (to tell pipelines apart).
 *
 * <p>{@link #read} takes that file or an export for teams without API access: a JSON array (the fields above; also
 * GitLab's own job JSON: {@code tag_list}, {@code runner} and {@code pipeline} objects, {@code status}, from which only
 * {@code success}, {@code failed} and {@code canceled} jobs are kept), or a CSV file with a header row naming the same
 * columns, tags separated by {@code ;} or {@code |} in one cell (or by commas in a quoted one).
 */
public final class JobsFiles {
    /** The columns of a CSV export, in the order a header lists them. */
    public static final List<String> COLUMNS = List.of("project", "name", "stage", "tags", "runner", "created_at",
            "started_at", "finished_at", "duration", "queued_duration");
    /** The statuses of finished jobs. */
    static final Set<String> FINISHED = Set.of("success", "failed", "canceled");

    private static final JsonFactory JSON = new ObjectMapper().getFactory();
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern(
            "yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS][ XXX][XXX][ 'UTC']", Locale.ROOT);

    private JobsFiles() {
    }

    // ---------------------------------------------------------------- writing

    /** The jobs as {@code jobs.json} text: one job a line, so a diff or {@code grep} reads it. */
    public static String json(List<UsageJob> jobs) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < jobs.size(); i++) {
            b.append(i == 0 ? "\n" : ",\n").append(json(jobs.get(i)));
        }
        return b.append(jobs.isEmpty() ? "]\n" : "\n]\n").toString();
    }

    static String json(UsageJob j) {
        Json o = new Json().beginObject();
        o.field("project", j.project());
        String pipeline = j.pipelineId();
        // GitLab's ids are numbers; an export may hold anything
        if (pipeline != null && pipeline.matches("[1-9][0-9]{0,17}")) {
            o.name("pipeline_id").raw(pipeline);
        } else {
            o.field("pipeline_id", pipeline);
        }
        o.field("name", j.name()).field("stage", j.stage());
        o.name("tags").beginArray();
        j.tags().forEach(o::value);
        o.endArray();
        o.field("runner", j.runner()).field("created_at", time(j.createdAt()))
                .field("started_at", time(j.startedAt())).field("finished_at", time(j.finishedAt()));
        o.name("duration").raw(seconds(j.duration())).name("queued_duration").raw(seconds(j.queuedDuration()));
        if (j.artifactsSize() != null) {
            o.field("artifacts_size", j.artifactsSize());
        }
        return o.endObject().toString();
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    /** Seconds with at most three decimals, trailing zeros dropped; {@code null} when unknown. */
    static String seconds(Double s) {
        if (s == null || s.isNaN() || s.isInfinite()) {
            return "null";
        }
        return BigDecimal.valueOf(s).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    // ---------------------------------------------------------------- reading

    /** What a file held: the finished jobs, and how many entries were left out as not finished. */
    public record Read(List<UsageJob> jobs, int unfinished) {
        public Read {
            jobs = List.copyOf(jobs);
        }
    }

    /**
     * Reads a JSON or CSV job history (told apart by the first character: {@code [} is JSON).
     *
     * @throws UsageInputException for content that is not a job history, with its line
     */
    public static Read read(Path file) throws IOException, UsageInputException {
        Objects.requireNonNull(file, "file");
        String name = file.toString();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            in.mark(4096);
            int c;
            do {
                c = in.read();
            } while (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xEF || c == 0xBB || c == 0xBF);
            in.reset();
            if (c == '[' || c == '{') {
                return json(name, JSON.createParser(in));
            }
        }
        return parse(name, Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses a JSON or CSV job history from text; {@code name} is used in messages. */
    public static Read parse(String name, String text) throws UsageInputException {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String first = body.stripLeading();
        if (first.isEmpty()) {
            throw new UsageInputException(name + ": empty file; expected a JSON array of jobs or a CSV file with the"
                    + " header " + String.join(",", COLUMNS));
        }
        if (first.charAt(0) == '[' || first.charAt(0) == '{') {
            try {
                return json(name, JSON.createParser((Reader) new StringReader(body)));
            } catch (IOException e) {
                throw new UsageInputException(name + ": " + e.getMessage());
            }
        }
        return csv(name, body);
    }

    private static Read json(String name, JsonParser p) throws IOException, UsageInputException {
        List<UsageJob> jobs = new ArrayList<>();
        int unfinished = 0;
        try (p) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw at(name, p.currentTokenLocation(), "expected a JSON array of jobs");
            }
            int index = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                index++;
                JsonLocation where = p.currentTokenLocation();
                if (t != JsonToken.START_OBJECT) {
                    throw at(name, where, "job " + index + ": expected an object");
                }
                JsonNode node = p.readValueAsTree();
                String status = text(node, "status", name, where, index);
                if (status != null && !FINISHED.contains(status.toLowerCase(Locale.ROOT))) {
                    unfinished++;
                    continue;
                }
                jobs.add(job(node, name, where, index));
            }
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String msg = e.getOriginalMessage() == null ? "invalid JSON" : e.getOriginalMessage().lines().findFirst()
                    .orElse("invalid JSON");
            throw new UsageInputException((loc == null ? name : name + ":" + loc.getLineNr() + ":"
                    + loc.getColumnNr()) + ": invalid JSON: " + msg);
        }
        return new Read(jobs, unfinished);
    }

    private static UsageJob job(JsonNode n, String file, JsonLocation where, int index) throws UsageInputException {
        String project = text(n, "project", file, where, index, "path_with_namespace");
        String pipeline = n.hasNonNull("pipeline_id") ? scalar(n.get("pipeline_id"), "pipeline_id", file, where, index)
                : n.path("pipeline").hasNonNull("id") ? scalar(n.get("pipeline").get("id"), "pipeline.id", file,
                where, index) : null;
        List<String> tags = tags(n.hasNonNull("tags") ? n.get("tags") : n.get("tag_list"), file, where, index);
        return new UsageJob(project, pipeline, text(n, "name", file, where, index),
                text(n, "stage", file, where, index), tags, text(n, "runner", file, where, index, "description"),
                instant(n, "created_at", file, where, index), instant(n, "started_at", file, where, index),
                instant(n, "finished_at", file, where, index), number(n, "duration", file, where, index),
                number(n, "queued_duration", file, where, index), artifactsSize(n, file, where, index));
    }

    /** {@code artifacts_size} (bytes), else GitLab's {@code artifacts[].size} added up, else null. */
    private static Long artifactsSize(JsonNode n, String file, JsonLocation where, int index)
            throws UsageInputException {
        JsonNode v = n.get("artifacts_size");
        if (v != null && !v.isNull()) {
            if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
                throw new UsageInputException(file + ":" + where.getLineNr() + ":" + where.getColumnNr() + ": job "
                        + index + ": \"artifacts_size\" must be a number of bytes");
            }
            return v.asLong();
        }
        JsonNode list = n.get("artifacts");
        if (list == null || !list.isArray() || list.isEmpty()) {
            return null;
        }
        long sum = 0;
        for (JsonNode a : list) {
            sum += a.path("size").canConvertToLong() ? Math.max(0, a.path("size").asLong()) : 0;
        }
        return sum;
    }

    private static String text(JsonNode n, String field, String file, JsonLocation where, int index)
            throws UsageInputException {
        return text(n, field, file, where, index, null);
    }

    /** A string field; when {@code inner} is given, an object holding it is accepted too (GitLab's runner). */
    private static String text(JsonNode n, String field, String file, JsonLocation where, int index, String inner)
            throws UsageInputException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (inner != null && v.isObject()) {
            JsonNode i = v.get(inner);
            return i == null || i.isNull() ? null : i.isTextual() ? i.asText() : fail(file, where, index,
                    "\"" + field + "." + inner + "\" must be a string");
        }
        return fail(file, where, index, "\"" + field + "\" must be a string, found " + v);
    }

    private static String scalar(JsonNode v, String field, String file, JsonLocation where, int index)
            throws UsageInputException {
        if (v.isTextual() || v.isIntegralNumber()) {
            return v.asText();
        }
        return fail(file, where, index, "\"" + field + "\" must be a number or a string, found " + v);
    }

    private static List<String> tags(JsonNode v, String file, JsonLocation where, int index)
            throws UsageInputException {
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            return fail(file, where, index, "\"tags\" must be an array of strings, found " + v);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode t : v) {
            if (!t.isTextual()) {
                return fail(file, where, index, "\"tags\" must be an array of strings, found " + v);
            }
            out.add(t.asText());
        }
        return out;
    }

    private static Instant instant(JsonNode n, String field, String file, JsonLocation where, int index)
            throws UsageInputException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        Instant t = v.isTextual() ? instant(v.asText()) : null;
        return t != null ? t : fail(file, where, index, "\"" + field + "\": " + v
                + " is not an ISO-8601 time between the years 1970 and 9999"
                                + " (e.g. 2025-05-02T09:00:03Z) [history-invalid]");
    }

    private static Double number(JsonNode n, String field, String file, JsonLocation where, int index)
            throws UsageInputException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        Double d = v.isNumber() ? Double.valueOf(v.asDouble()) : v.isTextual() ? seconds(v.asText()) : null;
        return d != null ? d : fail(file, where, index, "\"" + field + "\" must be a number of seconds (0 or more),"
                + " found " + v);
    }

    private static <T> T fail(String file, JsonLocation where, int index, String message) throws UsageInputException {
        throw at(file, where, "job " + index + ": " + message);
    }

    private static UsageInputException at(String file, JsonLocation where, String message) {
        return new UsageInputException(file + ":" + where.getLineNr() + ":" + where.getColumnNr() + ": " + message);
    }

    /** An ISO-8601 time (a time without offset is UTC; {@code 2025-05-02 09:00:03 UTC} is accepted), else null. */
    static Instant instant(String s) {
        Instant t = parseInstant(s);
        return t == null || t.isBefore(Instant.EPOCH) || !t.isBefore(LATEST) ? null : t;
    }

    /** 10000-01-01T00:00:00Z: job times must come before (and not before 1970). */
    private static final Instant LATEST = Instant.ofEpochSecond(253_402_300_800L);

    private static Instant parseInstant(String s) {
        String t = s.strip();
        try {
            return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            // the forms below
        }
        try {
            return LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // the form below
        }
        try {
            var parsed = SPACED.parseBest(t, OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime o ? o.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Double seconds(String s) {
        try {
            double d = Double.parseDouble(s.strip());
            return d >= 0 && !Double.isInfinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- CSV

    private static Read csv(String name, String text) throws UsageInputException {
        try {
            return readCsv(name, text);
        } catch (CsvRows.Malformed e) {
            throw new UsageInputException(e.getMessage());
        }
    }

    private static Read readCsv(String name, String text) throws UsageInputException {
        CsvRows rows = new CsvRows(name, text);
        List<String> header = rows.next();
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).strip().toLowerCase(Locale.ROOT);
            columns.putIfAbsent(h.equals("tag_list") ? "tags" : h.equals("pipeline") ? "pipeline_id" : h, i);
        }
        if (!columns.containsKey("name")) {
            throw new UsageInputException(name + ":1: the header has no \"name\" column; expected the columns "
                    + String.join(",", COLUMNS) + " (and optionally pipeline_id, status)");
        }
        List<UsageJob> jobs = new ArrayList<>();
        int unfinished = 0;
        for (List<String> row = rows.next(); row != null; row = rows.next()) {
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            int line = rows.rowLine();
            Map<String, String> v = new HashMap<>();
            for (Map.Entry<String, Integer> c : columns.entrySet()) {
                String cell = c.getValue() < row.size() ? row.get(c.getValue()).strip() : "";
                if (!cell.isEmpty() && !cell.equalsIgnoreCase("null")) {
                    v.put(c.getKey(), cell);
                }
            }
            String status = v.get("status");
            if (status != null && !FINISHED.contains(status.toLowerCase(Locale.ROOT))) {
                unfinished++;
                continue;
            }
            List<String> tags = new ArrayList<>();
            for (String t : v.getOrDefault("tags", "").split("[;|,]")) {
                if (!t.isBlank()) {
                    tags.add(t.strip());
                }
            }
            jobs.add(new UsageJob(v.get("project"), v.get("pipeline_id"), v.get("name"), v.get("stage"), tags,
                    v.get("runner"), csvTime(v, "created_at", name, line), csvTime(v, "started_at", name, line),
                    csvTime(v, "finished_at", name, line), csvSeconds(v, "duration", name, line),
                    csvSeconds(v, "queued_duration", name, line), csvBytes(v, name, line)));
        }
        return new Read(jobs, unfinished);
    }

    private static Instant csvTime(Map<String, String> v, String field, String file, int line)
            throws UsageInputException {
        String s = v.get(field);
        if (s == null) {
            return null;
        }
        Instant t = instant(s);
        if (t == null) {
            throw new UsageInputException(file + ":" + line + ": \"" + field + "\": \"" + s
                    + "\" is not an ISO-8601 time between the years 1970 and 9999"
                                + " (e.g. 2025-05-02T09:00:03Z) [history-invalid]");
        }
        return t;
    }

    private static Long csvBytes(Map<String, String> v, String file, int line) throws UsageInputException {
        String s = v.get("artifacts_size");
        if (s == null) {
            return null;
        }
        try {
            long b = Long.parseLong(s);
            if (b >= 0) {
                return b;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageInputException(file + ":" + line + ": \"artifacts_size\" must be a number of bytes, found \""
                + s + "\"");
    }

    private static Double csvSeconds(Map<String, String> v, String field, String file, int line)
            throws UsageInputException {
        String s = v.get(field);
        if (s == null) {
            return null;
        }
        Double d = seconds(s);
        if (d == null) {
            throw new UsageInputException(file + ":" + line + ": \"" + field + "\" must be a number of seconds"
                    + " (0 or more), found \"" + s + "\"");
        }
        return d;
    }

}
