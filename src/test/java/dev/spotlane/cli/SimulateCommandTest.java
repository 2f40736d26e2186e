package dev.spotlane.cli;

import dev.spotlane.cli.ImagesCommandTest.Run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Golden;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class SimulateCommandTest {
    private static final String DIR = "src/test/resources/golden/sim/";

    static Run run(String... args) {
        return ImagesCommandTest.run(args);
    }

    @Test
    void syntheticTraceAsText() throws IOException {
        Run r = run("simulate", "--synthetic");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        Golden.assertMatches(Path.of(DIR + "synthetic.txt"), r.out());
    }

    @Test
    void jobsFileAsJson() throws IOException {
        Run r = run("simulate", "--jobs", DIR + "jobs.json", "--format", "json", "--idle-time", "5m,20m",
                "--seed", "3");
        assertEquals(0, r.code(), r.err());
        Golden.assertMatches(Path.of(DIR + "jobs.json.out.json"), r.out());
    }

    @Test
    void csvGivesTheSameNumbersAsJson() {
        Run json = run("simulate", "--jobs", DIR + "jobs.json", "--format", "json", "--idle-time", "5m,20m");
        Run csv = run("simulate", "--jobs", DIR + "jobs.csv", "--format", "json", "--idle-time", "5m,20m");
        assertEquals(0, csv.code(), csv.err());
        assertEquals(json.out().replace("jobs.json", "jobs.csv"), csv.out());
    }

    @Test
    void jobsFileAsTextWithEveryOption() throws IOException {
        Run r = run("simulate", "--jobs", DIR + "jobs.json", "--idle-time", "1m,10m", "--prices", DIR + "prices.txt",
                "--local", "1", "--cold-start", "30s-60s", "--interruptions", "0.5", "--max-p95-wait", "45s",
                "--period", "7d", "--capacity-per-instance", "t4g=2", "--max-instances", "4", "--idle-count",
                "c7g=1", "--max-use-count", "0", "--seed", "9");
        assertEquals(0, r.code(), r.err());
        Golden.assertMatches(Path.of(DIR + "jobs.options.txt"), r.out());
    }

    @Test
    void theSpotPriceHistoryOfTheAwsCliIsAPricesFile() {
        Run r = run("simulate", "--synthetic", "--prices", "src/test/resources/golden/prices/spot-price-history.json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("compute t4g (t4g.medium spot)"), r.out());
        assertTrue(r.out().contains("at $0.0121/h [src/test/resources/golden/prices/spot-price-history.json: mean of"
                + " 2 availability zones (us-east-1a, us-east-1b), each time-weighted over the file's period"), r.out());
    }

    @Test
    void theLocalRunnerRacesTheCloudUnlessLocalFirst() {
        Run race = run("simulate", "--jobs", DIR + "jobs.json", "--local", "2");
        assertTrue(race.out().contains("it races the cloud for each routed job, each side asking every 3s"
                + " (check_interval)"), race.out());
        Run first = run("simulate", "--jobs", DIR + "jobs.json", "--local", "2", "--local-first");
        assertTrue(first.out().contains("it takes every routed job it has a free slot for first (--local-first)"),
                first.out());
        Run json = run("simulate", "--jobs", DIR + "jobs.json", "--local", "2", "--local-first", "--format",
                "json");
        assertTrue(json.out().contains("\"local_runner_model\":\"local-first\""), json.out());
    }

    @Test
    void badCheckIntervalAndLocalVcpus() {
        Run r = run("simulate", "--synthetic", "--check-interval", "2h");
        assertEquals(2, r.code());
        assertEquals("spotlane: --check-interval: at most 1h\n", r.err());
        Run v = run("simulate", "--synthetic", "--local-vcpus", "0");
        assertEquals(2, v.code());
        assertEquals("spotlane: --local-vcpus: 0.0 is not a number of vCPUs from 0.1 to 1024\n", v.err());
    }

    @Test
    void svgChart(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("chart.svg");
        Run r = run("simulate", "--synthetic", "--format", "json", "--svg", svg.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("wrote " + svg + "\n", r.err());
        assertTrue(r.out().startsWith("{\"trace\":"), r.out());
        String text = Files.readString(svg);
        Golden.assertMatches(Path.of(DIR + "synthetic.svg"), text);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals(4 + 1, count(text, "<circle cx="), "one p95 point per idle_time, and the legend's");
        assertTrue(text.contains(">recommended</text>"));
        assertTrue(text.contains("assumed spot prices; verify with aws ec2"));
    }

    @Test
    void svgWithoutPricesFallsBackToVmHours(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yml");
        Files.writeString(rules, """
                version: 1
                routing:
                  policy: overflow
                  classes:
                    arm: { tags: [], default: true }
                  routes:
                    - { name: all, match: { jobs: ["*"] }, class: arm }
                """);
        Path svg = dir.resolve("chart.svg");
        Run r = run("simulate", "--synthetic", "--rules", rules.toString(), "--svg", svg.toString(), "--idle-time",
                "5m,10m,15m,20m,30m,45m,1h");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("no price for arm: add it to a --prices file"), r.out());
        assertTrue(r.out().contains("  arm    -      "), r.out());
        assertTrue(r.out().contains("the fewest VM-hours with p95"), r.out());
        String text = Files.readString(svg);
        assertTrue(text.contains("VM-hours a month"), text);
        assertEquals(7 + 1, count(text, "<circle cx="));
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[{\"name\": \"lint\", \"started_at\": \"2025-05-02T09:00:00Z\", \"duration\": \"x\"}]");
        Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "[{\"name\": \"lint\"}]");
        Path prices = dir.resolve("prices.txt");
        Files.writeString(prices, "t4g.medium 0.01\n");
        String[][] cases = {
            {"bad.json:1:69: job 1: \"duration\" must be a number of seconds, found \"x\"", "--jobs", bad.toString()},
            {"missing.json: no such file or directory", "--jobs", "missing.json"},
            {"empty.json: no job has started_at and a duration (or finished_at); nothing to simulate", "--jobs",
                empty.toString()},
            {"spotlane: --idle-time: \"5x\" is not a duration; expected e.g. 90s, 5m, 1h30m", "--synthetic",
                "--idle-time", "5m,5x"},
            {"spotlane: --idle-time: 5m is given twice", "--synthetic", "--idle-time", "5m,300s"},
            {"spotlane: --local: \"some\" is neither none nor a number of slots (1 to 10000)", "--synthetic",
                "--local", "some"},
            {"spotlane: --cold-start: the range \"90s-45s\" ends before it starts", "--synthetic", "--cold-start",
                "90s-45s"},
            {"spotlane: --interruptions: \"often\" is not a rate; expected interruptions per instance-hour between 0"
                + " and 60, e.g. 0.05", "--synthetic", "--interruptions", "often"},
            {"spotlane: --max-instances: unknown class \"x86\"; expected N or CLASS=N,... with a class of t4g, c7g",
                "--synthetic", "--max-instances", "x86=3"},
            {"spotlane: --capacity-per-instance: \"0\" is not a whole number from 1 to 100000", "--synthetic",
                "--capacity-per-instance", "0"},
            {"spotlane: --period: must be longer than 0s", "--synthetic", "--period", "0d"},
            {"prices.txt:1: expected \"INSTANCE_TYPE: PRICE\" (USD per hour, e.g. \"t4g.medium: 0.012\"), found"
                + " \"t4g.medium 0.01\"", "--synthetic", "--prices", prices.toString()},
            {"spotlane: --max-p95-wait: \"soon\" is not a duration; expected e.g. 90s, 5m, 1h30m", "--synthetic",
                "--max-p95-wait", "soon"},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length];
            args[0] = "simulate";
            System.arraycopy(c, 1, args, 1, c.length - 1);
            Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals("", r.out(), String.join(" ", args));
            String line = r.err().strip();
            assertTrue(line.endsWith(c[0]), String.join(" ", args) + ":\n" + line);
            assertEquals(1, line.lines().count(), line);
        }
    }

    @Test
    void usageErrorsAreExitTwo() {
        Run neither = run("simulate");
        assertEquals(2, neither.code());
        assertTrue(neither.err().contains("--jobs") && neither.err().contains("--synthetic"), neither.err());
        assertEquals(2, run("simulate", "--synthetic", "--jobs", DIR + "jobs.json").code());
        assertEquals(2, run("simulate", "--synthetic", "--format", "xml").code());
        assertEquals(2, run("simulate", "--synthetic", "--seed", "one").code());
    }

    @Test
    void helpListsTheCommand() {
        Run help = run("--help");
        assertTrue(help.out().contains("simulate"), help.out());
        Run own = run("simulate", "--help");
        assertEquals(0, own.code());
        assertTrue(own.out().contains("--max-p95-wait"), own.out());
    }
}
