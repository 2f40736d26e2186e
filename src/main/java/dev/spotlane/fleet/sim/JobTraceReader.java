package dev.spotlane.fleet.sim;

import dev.spotlane.model.CsvRows;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a job history: a JSON array of job objects, or a CSV file with a header row naming the same fields.
 *
 * <pre>
 * [{"project": "group/app", "name": "lint", "stage": "test", "tags": ["local"], "runner": "workstation",
 *   "created_at": "2025-05-02T09:00:00Z", "started_at": "2025-05-02T09:00:03Z",
 *   "finished_at": "2025-05-02T09:00:41Z", "duration": 38.2, "queued_duration": 2.9}]
 * </pre>
 *
 * Times are ISO-8601 ({@code Z} or an offset; a time without one is UTC), durations are seconds. Any field may be
 * missing or null; fields the simulation does not know are ignored. A value of the wrong type is an error with its
 * line and column. In CSV, {@code tags} holds the tags separated by commas or semicolons. An optional
 * {@code pipeline_id} tells pipelines apart; without it, jobs of one project created at the same moment are one
 * pipeline.
 */
public final class JobTraceReader {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final DateTimeFormatter SPACE_SEPARATED = DateTimeFormatter.ofPattern(
            "yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS][ XXX][XXX][ 'UTC']", Locale.ROOT);

    /** The statuses of finished jobs; others (running, pending, ...) are left out, as {@code usage} does. */
    static final java.util.Set<String> FINISHED = java.util.Set.of("success", "failed", "canceled");

    /** Jobs left out as not finished. */
    private int unfinished;

    /** Repeated strings (names, stages, tags) are stored once. */
    private final Map<String, String> strings = new HashMap<>();
    private final Map<List<String>, List<String>> tagLists = new HashMap<>();

    private JobTraceReader() {
    }

    /** Reads a JSON or CSV trace (told apart by the first character: {@code [} or <code>{</code> is JSON). */
    public static JobTrace read(Path file) throws IOException, SimulationInputException {
        Objects.requireNonNull(file, "file");
        String name = file.toString();
        int first = firstByte(file);
        if (first != '[' && first != '{') {
            return parse(name, Files.readString(file, StandardCharsets.UTF_8));
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            JobTraceReader reader = new JobTraceReader();
            List<TraceJob> jobs = reader.json(name, in);
            return new JobTrace(name, jobs, reader.unfinished);
        }
    }

    /** The first byte that is not white space or a byte order mark, or -1. */
    private static int firstByte(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != 0xEF && b != 0xBB && b != 0xBF) {
                    return b;
                }
            }
            return -1;
        }
    }

    /** Parses a trace from text; {@code name} is used in messages. */
    public static JobTrace parse(String name, String text) throws SimulationInputException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String first = body.stripLeading();
        if (first.isEmpty()) {
            throw new SimulationInputException(name + ": empty file; expected a JSON array of jobs or a CSV file"
                    + " with a header row");
        }
        JobTraceReader reader = new JobTraceReader();
        List<TraceJob> jobs;
        if (first.charAt(0) == '[' || first.charAt(0) == '{') {
            try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), new StringReader(body))) {
                jobs = reader.json(name, p);
            }
        } else {
            jobs = reader.csv(name, body);
        }
        return new JobTrace(name, jobs, reader.unfinished);
    }

    // ---------------------------------------------------------------- JSON

    private List<TraceJob> json(String name, InputStream in) throws SimulationInputException {
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), in)) {
            return json(name, p);
        } catch (JacksonException e) {
            throw invalid(name, e);
        }
    }

    private List<TraceJob> json(String name, JsonParser p) throws SimulationInputException {
        List<TraceJob> jobs = new ArrayList<>();
        try {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw at(name, p, "expected a JSON array of jobs");
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t != JsonToken.START_OBJECT) {
                    throw at(name, p, "job " + (jobs.size() + 1) + ": expected an object, found " + describe(p));
                }
                TraceJob job = jsonJob(name, p, jobs.size() + unfinished + 1);
                if (job == null) {
                    unfinished++;
                } else {
                    jobs.add(job);
                }
            }
            if (p.nextToken() != null) {
                throw at(name, p, "unexpected content after the array of jobs");
            }
        } catch (JacksonException e) {
            throw invalid(name, e);
        }
        return jobs;
    }

    private static SimulationInputException invalid(String name, JacksonException e) {
        TokenStreamLocation loc = e.getLocation();
        String where = loc == null ? name : name + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
        String msg = e.getOriginalMessage() == null ? "invalid JSON" : e.getOriginalMessage();
        for (String cut : new String[] {"\n", " (start marker at", " at [Source"}) {
            int at = msg.indexOf(cut);
            msg = at < 0 ? msg : msg.substring(0, at);
        }
        return new SimulationInputException(where + ": invalid JSON: " + lowerFirst(msg.strip()));
    }

    private TraceJob jsonJob(String name, JsonParser p, int index) throws SimulationInputException {
        Fields f = new Fields();
        for (String field = p.nextName(); field != null; field = p.nextName()) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (field) {
                case "pipeline_id" -> {
                    if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NUMBER_INT) {
                        throw at(name, p, "job " + index + ": \"pipeline_id\" must be a number or a string, found "
                                + describe(p));
                    }
                    f.pipeline = intern(p.getString());
                }
                case "pipeline", "runner" -> {
                    if (t == JsonToken.START_OBJECT) {
                        // GitLab's job JSON: the pipeline's id, the runner's description
                        String inner = field.equals("pipeline") ? "id" : "description";
                        for (JsonToken e = p.nextToken(); e != JsonToken.END_OBJECT; e = p.nextToken()) {
                            String key = p.currentName();
                            JsonToken v = p.nextToken();
                            if (key.equals(inner) && (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_INT)) {
                                String value = intern(p.getString());
                                if (field.equals("pipeline")) {
                                    f.pipeline = f.pipeline == null ? value : f.pipeline;
                                } else {
                                    f.runner = value;
                                }
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else if (field.equals("runner") && t == JsonToken.VALUE_STRING) {
                        f.runner = intern(p.getString());
                    } else {
                        throw at(name, p, "job " + index + ": \"" + field + "\" must be an object, found "
                                + describe(p));
                    }
                }
                case "status" -> {
                    if (t != JsonToken.VALUE_STRING) {
                        throw at(name, p, "job " + index + ": \"status\" must be a string, found " + describe(p));
                    }
                    f.status = p.getString();
                }
                case "project", "name", "stage" -> {
                    if (t != JsonToken.VALUE_STRING) {
                        throw at(name, p, "job " + index + ": \"" + field + "\" must be a string, found "
                                + describe(p));
                    }
                    f.set(field, intern(p.getString()));
                }
                case "tags", "tag_list" -> {
                    if (t != JsonToken.START_ARRAY) {
                        throw at(name, p, "job " + index + ": \"tags\" must be an array of strings, found "
                                + describe(p));
                    }
                    List<String> tags = new ArrayList<>(2);
                    for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                        if (e != JsonToken.VALUE_STRING) {
                            throw at(name, p, "job " + index + ": \"tags\" must be an array of strings, found "
                                    + describe(p));
                        }
                        tags.add(intern(p.getString()));
                    }
                    f.tags = tagList(tags);
                }
                case "created_at", "started_at", "finished_at" -> {
                    if (t != JsonToken.VALUE_STRING) {
                        throw at(name, p, "job " + index + ": \"" + field + "\" must be an ISO-8601 time string,"
                                + " found " + describe(p));
                    }
                    long ms = time(p.getString());
                    if (ms == TraceJob.MISSING) {
                        throw at(name, p, "job " + index + ": \"" + field + "\": \"" + p.getString()
                                + "\" is not an ISO-8601 time between the years 1970 and 9999"
                                + " (e.g. 2025-05-02T09:00:03Z) [history-invalid]");
                    }
                    f.setTime(field, ms);
                }
                case "duration", "queued_duration" -> {
                    if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                        throw at(name, p, "job " + index + ": \"" + field + "\" must be a number of seconds, found "
                                + describe(p));
                    }
                    double seconds = p.getDoubleValue();
                    if (!(seconds >= 0) || seconds > 366 * 86_400d) {
                        throw at(name, p, "job " + index + ": \"" + field + "\" must be between 0 and 31622400"
                                + " seconds, found " + p.getString());
                    }
                    f.setSeconds(field, seconds);
                }
                case "artifacts_size" -> {
                    if (t != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0) {
                        throw at(name, p, "job " + index + ": \"artifacts_size\" must be a number of bytes, found "
                                + describe(p));
                    }
                    f.artifacts = p.getLongValue();
                }
                default -> p.skipChildren();
            }
        }
        return f.finished() ? f.job() : null;
    }

    private static SimulationInputException at(String name, JsonParser p, String message) {
        TokenStreamLocation loc = p.currentTokenLocation();
        return new SimulationInputException(name + ":" + loc.getLineNr() + ":" + loc.getColumnNr() + ": " + message);
    }

    private static String describe(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "the end of the file";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "\"" + p.getString() + "\"";
            case VALUE_TRUE, VALUE_FALSE -> p.getString();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getString();
            default -> t.name().toLowerCase(Locale.ROOT);
        };
    }

    // ---------------------------------------------------------------- CSV

    private List<TraceJob> csv(String name, String text) throws SimulationInputException {
        try {
            return readCsv(name, text);
        } catch (CsvRows.Malformed e) {
            throw new SimulationInputException(e.getMessage());
        }
    }

    private List<TraceJob> readCsv(String name, String text) throws SimulationInputException {
        CsvRows rows = new CsvRows(name, text);
        List<String> header = rows.next();
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).strip().toLowerCase(Locale.ROOT);
            columns.putIfAbsent(h.equals("tag_list") ? "tags" : h.equals("pipeline") ? "pipeline_id" : h, i);
        }
        for (String required : List.of("name", "started_at")) {
            if (!columns.containsKey(required)) {
                throw new SimulationInputException(name + ":1: the header has no \"" + required + "\" column;"
                        + " expected the columns project,name,stage,tags,runner,created_at,started_at,finished_at,"
                        + "duration,queued_duration");
            }
        }
        if (!columns.containsKey("duration") && !columns.containsKey("finished_at")) {
            throw new SimulationInputException(name + ":1: the header has neither a \"duration\" nor a"
                    + " \"finished_at\" column");
        }
        List<TraceJob> jobs = new ArrayList<>();
        for (List<String> row = rows.next(); row != null; row = rows.next()) {
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            int line = rows.rowLine();
            Fields f = new Fields();
            for (Map.Entry<String, Integer> c : columns.entrySet()) {
                String v = c.getValue() < row.size() ? row.get(c.getValue()).strip() : "";
                if (v.isEmpty() || v.equalsIgnoreCase("null")) {
                    continue;
                }
                String field = c.getKey();
                switch (field) {
                    case "project", "name", "stage", "runner" -> f.set(field, intern(v));
                    case "status" -> f.status = v;
                    case "pipeline_id" -> f.pipeline = intern(v);
                    case "tags" -> {
                        List<String> tags = new ArrayList<>(2);
                        for (String tag : v.split("[,;|]")) {
                            if (!tag.isBlank()) {
                                tags.add(intern(tag.strip()));
                            }
                        }
                        f.tags = tagList(tags);
                    }
                    case "created_at", "started_at", "finished_at" -> {
                        long ms = time(v);
                        if (ms == TraceJob.MISSING) {
                            throw new SimulationInputException(name + ":" + line + ": \"" + field + "\": \"" + v
                                    + "\" is not an ISO-8601 time between the years 1970 and 9999"
                                + " (e.g. 2025-05-02T09:00:03Z) [history-invalid]");
                        }
                        f.setTime(field, ms);
                    }
                    case "duration", "queued_duration" -> {
                        double seconds;
                        try {
                            seconds = Double.parseDouble(v);
                        } catch (NumberFormatException e) {
                            seconds = Double.NaN;
                        }
                        if (!(seconds >= 0) || seconds > 366 * 86_400d) {
                            throw new SimulationInputException(name + ":" + line + ": \"" + field + "\" must be a"
                                    + " number of seconds between 0 and 31622400, found \"" + v + "\"");
                        }
                        f.setSeconds(field, seconds);
                    }
                    case "artifacts_size" -> {
                        try {
                            f.artifacts = Long.parseLong(v);
                        } catch (NumberFormatException e) {
                            f.artifacts = -1;
                        }
                        if (f.artifacts < 0) {
                            throw new SimulationInputException(name + ":" + line + ": \"artifacts_size\" must be a"
                                    + " number of bytes, found \"" + v + "\"");
                        }
                    }
                    default -> {
                        // a column the simulation does not use
                    }
                }
            }
            if (f.finished()) {
                jobs.add(f.job());
            } else {
                unfinished++;
            }
        }
        return jobs;
    }


    // ---------------------------------------------------------------- shared

    /** The fields of one job as read. */
    private static final class Fields {
        String project;
        String pipeline;
        String name;
        String stage;
        String runner;
        List<String> tags = List.of();
        long created = TraceJob.MISSING;
        long started = TraceJob.MISSING;
        long finished = TraceJob.MISSING;
        long duration = TraceJob.MISSING;
        long queued = TraceJob.MISSING;
        long artifacts = TraceJob.MISSING;
        String status;

        /** Finished: no status (jobs.json holds finished jobs only), or success, failed or canceled. */
        boolean finished() {
            return status == null || FINISHED.contains(status.toLowerCase(Locale.ROOT));
        }

        void set(String field, String value) {
            switch (field) {
                case "project" -> project = value;
                case "name" -> name = value;
                case "stage" -> stage = value;
                default -> runner = value;
            }
        }

        void setTime(String field, long ms) {
            switch (field) {
                case "created_at" -> created = ms;
                case "started_at" -> started = ms;
                default -> finished = ms;
            }
        }

        void setSeconds(String field, double seconds) {
            long ms = Math.round(seconds * 1000);
            if (field.equals("duration")) {
                duration = ms;
            } else {
                queued = ms;
            }
        }

        TraceJob job() {
            return new TraceJob(project, pipeline, name, stage, tags, runner, created, started, finished, duration,
                    queued, artifacts);
        }
    }

    private String intern(String s) {
        String seen = strings.putIfAbsent(s, s);
        return seen == null ? s : seen;
    }

    private List<String> tagList(List<String> tags) {
        if (tags.isEmpty()) {
            return List.of();
        }
        List<String> copy = List.copyOf(tags);
        List<String> seen = tagLists.putIfAbsent(copy, copy);
        return seen == null ? copy : seen;
    }

    /**
     * An ISO-8601 time as epoch milliseconds, or {@link TraceJob#MISSING} when the text is not one. The common
     * {@code 2025-05-02T09:00:03.123Z} form is parsed by hand (a million jobs carry three times each).
     */
    static long time(String s) {
        try {
            long ms = parseTime(s);
            return ms == TraceJob.MISSING || ms < EARLIEST || ms >= LATEST ? TraceJob.MISSING : ms;
        } catch (ArithmeticException | java.time.DateTimeException e) {
            // a valid ISO-8601 time whose milliseconds do not fit a long (year -999999999)
            return TraceJob.MISSING;
        }
    }

    /** 1970-01-01T00:00:00Z: no CI job ran before. */
    static final long EARLIEST = 0L;
    /** 10000-01-01T00:00:00Z, exclusive. */
    static final long LATEST = 253_402_300_800_000L;

    private static long parseTime(String s) {
        long fast = fastTime(s);
        if (fast != TraceJob.MISSING) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            // try the forms below
        }
        try {
            return LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            // try the form below
        }
        try {
            var parsed = SPACE_SEPARATED.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime o ? o.toInstant().toEpochMilli()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            return TraceJob.MISSING;
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM)}, else {@link TraceJob#MISSING}. */
    private static long fastTime(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return TraceJob.MISSING;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return TraceJob.MISSING;
        }
        int i = 19;
        long millis = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            int start = i;
            int scale = 100;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                millis += (s.charAt(i) - '0') * scale;
                scale /= 10;
                i++;
            }
            if (i == start || i - start > 9) {
                return TraceJob.MISSING;
            }
        }
        long offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                return TraceJob.MISSING;
            }
            offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
        } else {
            return TraceJob.MISSING;
        }
        long days = epochDay(year, month, day);
        return ((days * 86_400 + hour * 3600L + minute * 60L + second) - offsetSeconds) * 1000 + millis;
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
    private static long epochDay(int y, int m, int d) {
        long year = m <= 2 ? y - 1 : y;
        long era = Math.floorDiv(year, 400);
        long yoe = year - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
