package dev.spotlane.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A fake GitLab on 127.0.0.1 (WireMock on a random port), with state: projects with commits and branches, merge
 * requests, the bot's user. It answers the REST endpoints gitlab4j-api calls for the cutover bot, reading gitlab4j's
 * URL encoding the way GitLab does (the raw path split on {@code /} first, each segment percent-decoded after, so
 * {@code group%2Fproject} stays one segment), with GitLab's pagination headers, its create-commit rules (a branch that
 * exists needs {@code force}; {@code last_commit_id} is checked against {@code start_branch} as
 * {@code Files::BaseService#file_has_changed?} does) and its 409 for a second open merge request. Faults are
 * scripted per method and path. Every request stays in WireMock's journal for assertions.
 */
public final class FakeGitLab implements ResponseDefinitionTransformerV2, AutoCloseable {
    public static final String TOKEN = "glpat-Sup3rS3cretT0ken-xyz";
    public static final String BOT_NAME = "spotlane bot";
    public static final String BOT_EMAIL = "spotlane-bot@example.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    public record FCommit(String sha, String parent, Map<String, String> files, String authorName, String authorEmail,
                   String message) {
    }

    public static final class FProject {
        public final long id;
        public final String path;
        public String defaultBranch = "main";
        public boolean archived;
        public String ciConfigPath = "";
        public boolean jobsEnabled = true;
        final Map<String, String> branches = new TreeMap<>();

        FProject(long id, String path) {
            this.id = id;
            this.path = path;
        }
    }

    public static final class FMergeRequest {
        public final long iid;
        final FProject project;
        public final String source;
        public final String target;
        public String title;
        public String description;
        public String state = "opened";
        public String labels;

        FMergeRequest(long iid, FProject project, String source, String target) {
            this.iid = iid;
            this.project = project;
            this.source = source;
            this.target = target;
        }
    }

    /** A scripted answer: the next {@code times} requests matching method and decoded path get {@code status}. */
    static final class Fault {
        final String method;
        final Pattern path;
        final int status;
        int times;
        final String body;
        final Map<String, String> headers;

        Fault(String method, String pathRegex, int status, int times, String body, Map<String, String> headers) {
            this.method = method;
            this.path = Pattern.compile(pathRegex);
            this.status = status;
            this.times = times;
            this.body = body;
            this.headers = headers;
        }
    }

    private final WireMockServer server;
    private final Map<String, FProject> projects = new TreeMap<>();
    private final Map<String, FCommit> commits = new LinkedHashMap<>();
    private final List<FMergeRequest> mergeRequests = new ArrayList<>();
    private final List<Fault> faults = new ArrayList<>();
    /** CI jobs by project path, as GitLab's job JSON, in creation order. */
    private final Map<String, List<Map<String, Object>>> jobs = new TreeMap<>();
    /** Runners by id, and the projects each one serves (shared runners serve every project). */
    private final Map<Long, Map<String, Object>> runners = new TreeMap<>();
    private final Map<Long, Set<String>> runnerProjects = new TreeMap<>();
    private long nextId = 100;
    private int commitCounter;
    /** Page size of the group project listing (small to exercise pagination). */
    public int groupPageSize = 100;
    /** Page size of the job listing (small to exercise pagination). */
    public int jobPageSize = 100;
    /** Whether the job listing honours {@code scope[]} (false: every job, as an older GitLab might answer). */
    public boolean jobScopes = true;
    /** Whether list answers carry X-Total/X-Total-Pages (GitLab leaves them out above 10,000 rows). */
    public boolean totals = true;
    /** Runs before each request is answered, with {@code "METHOD decoded/path"}: to change state mid-run. */
    public java.util.function.Consumer<String> before = r -> { };

    public FakeGitLab() {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().extensions(this));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public WireMockServer server() {
        return server;
    }

    @Override
    public String getName() {
        return "fake-gitlab";
    }

    @Override
    public void close() {
        server.stop();
    }

    // ---- scripting ----

    public synchronized FProject project(String path, Map<String, String> files) {
        FProject p = new FProject(nextId++, path);
        projects.put(path, p);
        String sha = newCommit(null, new TreeMap<>(files), "Alice", "alice@example.com", "initial commit");
        p.branches.put(p.defaultBranch, sha);
        return p;
    }

    /** A commit by someone else on a branch of a project (files mapped to null are deleted). */
    public synchronized String push(String project, String branch, Map<String, String> changes, String author,
                             String email) {
        FProject p = projects.get(project);
        String base = p.branches.get(branch);
        Map<String, String> files = new TreeMap<>(commits.get(base).files());
        changes.forEach((k, v) -> {
            if (v == null) {
                files.remove(k);
            } else {
                files.put(k, v);
            }
        });
        String sha = newCommit(base, files, author, email, "change by " + author);
        p.branches.put(branch, sha);
        return sha;
    }

    public synchronized void fault(String method, String pathRegex, int status, int times) {
        fault(method, pathRegex, status, times, "{\"message\":\"" + status + " scripted fault\"}", Map.of());
    }

    public synchronized void fault(String method, String pathRegex, int status, int times, String body,
                            Map<String, String> headers) {
        faults.add(new Fault(method, pathRegex, status, times, body, headers));
    }

    public synchronized String file(String project, String ref, String path) {
        FCommit c = commit(projects.get(project), ref);
        return c == null ? null : c.files().get(path);
    }

    public synchronized String branch(String project, String branch) {
        return projects.get(project).branches.get(branch);
    }

    public synchronized FCommit commitAt(String sha) {
        return commits.get(sha);
    }

    /** Commits on a branch of a project not on its default branch, oldest first. */
    public synchronized List<FCommit> commitsOnly(String project, String branch) {
        FProject p = projects.get(project);
        Set<String> base = ancestors(p.branches.get(p.defaultBranch));
        List<FCommit> out = new ArrayList<>();
        for (String s = p.branches.get(branch); s != null && !base.contains(s); s = commits.get(s).parent()) {
            out.add(0, commits.get(s));
        }
        return out;
    }

    /** A merge request opened by someone else (or an earlier process) directly in the state. */
    public synchronized FMergeRequest openMergeRequest(String project, String source, String title) {
        FProject p = projects.get(project);
        FMergeRequest m = new FMergeRequest(mergeRequests(project).size() + 1, p, source, p.defaultBranch);
        m.title = title;
        m.description = "";
        mergeRequests.add(m);
        return m;
    }

    public synchronized List<FMergeRequest> mergeRequests(String project) {
        return mergeRequests.stream().filter(m -> m.project.path.equals(project)).toList();
    }

    /**
     * A runner the given projects can use ({@code type} {@code instance_type} serves every project), as GitLab's
     * runner JSON: the list ({@code GET /projects/:id/runners}) leaves {@code tag_list} out, the detail
     * ({@code GET /runners/:id}) has it, as in GitLab's {@code API::Entities::Ci::Runner} and {@code RunnerDetails}.
     */
    public synchronized void runner(long id, String description, String type, List<String> tags, boolean paused,
                                    String... projectPaths) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("description", description);
        json.put("active", !paused);
        json.put("paused", paused);
        json.put("is_shared", type.equals("instance_type"));
        json.put("runner_type", type);
        json.put("name", "gitlab-runner");
        json.put("online", true);
        json.put("status", "online");
        json.put("tag_list", List.copyOf(tags));
        runners.put(id, json);
        runnerProjects.put(id, Set.of(projectPaths));
    }

    /**
     * A CI job of a project, as GitLab's job JSON ({@code id}, {@code status}, {@code created_at}, ...; null values
     * are sent as JSON null). The listing returns jobs by {@code id}, highest first, as GitLab does.
     */
    public synchronized void job(String project, Map<String, Object> json) {
        jobs.computeIfAbsent(project, k -> new ArrayList<>()).add(json);
    }

    private String newCommit(String parent, Map<String, String> files, String author, String email, String msg) {
        String sha = sha1("commit " + (++commitCounter) + parent + files + author + msg);
        commits.put(sha, new FCommit(sha, parent, Map.copyOf(files), author, email, msg));
        return sha;
    }

    private static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Set<String> ancestors(String sha) {
        Set<String> out = new LinkedHashSet<>();
        for (String s = sha; s != null; s = commits.get(s).parent()) {
            out.add(s);
        }
        return out;
    }

    private FCommit commit(FProject p, String ref) {
        if (ref == null) {
            return null;
        }
        String sha = p.branches.get(ref);
        if (sha == null && ref.equals("HEAD")) {
            sha = p.branches.get(p.defaultBranch);
        }
        return commits.get(sha != null ? sha : ref);
    }

    /** The commit that last changed a path, seen from a commit; null when the path does not exist there. */
    private String lastCommitFor(String sha, String path) {
        if (sha == null || commits.get(sha).files().get(path) == null) {
            return null;
        }
        for (String s = sha; s != null; s = commits.get(s).parent()) {
            FCommit c = commits.get(s);
            String before = c.parent() == null ? null : commits.get(c.parent()).files().get(path);
            if (!java.util.Objects.equals(c.files().get(path), before)) {
                return s;
            }
        }
        return null;
    }

    // ---- serving ----

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request req = event.getRequest();
        String raw = req.getUrl();
        int q = raw.indexOf('?');
        String rawPath = q < 0 ? raw : raw.substring(0, q);
        Map<String, String> query = params(q < 0 ? "" : raw.substring(q + 1));
        if (!rawPath.startsWith("/api/v4/")) {
            return json(404, Map.of("message", "404 Not Found"));
        }
        // split first, decode after: %2F inside a segment stays inside it
        List<String> seg = new ArrayList<>();
        for (String s : rawPath.substring("/api/v4/".length()).split("/", -1)) {
            seg.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
        }
        String method = req.getMethod().getName();
        String joined = String.join("/", seg);
        before.accept(method + " " + joined);
        for (Fault f : faults) {
            if (f.times > 0 && f.method.equals(method) && f.path.matcher(joined).matches()) {
                f.times--;
                ResponseDefinitionBuilder b = aResponse().withStatus(f.status)
                        .withHeader("Content-Type", "application/json").withBody(f.body);
                f.headers.forEach(b::withHeader);
                return b.build();
            }
        }
        if (!TOKEN.equals(req.getHeader("PRIVATE-TOKEN"))) {
            return json(401, Map.of("message", "401 Unauthorized"));
        }
        try {
            return route(method, seg, query, req);
        } catch (RuntimeException e) {
            return json(500, Map.of("message", "fake GitLab: " + e));
        }
    }

    private ResponseDefinition route(String method, List<String> seg, Map<String, String> query, Request req) {
        if (seg.equals(List.of("user")) && method.equals("GET")) {
            return json(200, Map.of("id", 7, "username", "spotlane-bot", "name", BOT_NAME, "email", BOT_EMAIL,
                    "public_email", ""));
        }
        if (seg.size() == 3 && seg.get(0).equals("groups") && seg.get(2).equals("projects") && method.equals("GET")) {
            String group = seg.get(1);
            boolean subgroups = "true".equals(query.get("include_subgroups"));
            boolean noArchived = "false".equals(query.get("archived"));
            List<Object> out = new ArrayList<>();
            for (FProject p : projects.values()) {
                String ns = p.path.substring(0, p.path.lastIndexOf('/'));
                if ((ns.equals(group) || subgroups && ns.startsWith(group + "/")) && !(noArchived && p.archived)) {
                    out.add(project(p));
                }
            }
            if (out.isEmpty() && projects.values().stream().noneMatch(p -> p.path.startsWith(group + "/"))) {
                return json(404, Map.of("message", "404 Group Not Found"));
            }
            return page(out, query, groupPageSize);
        }
        if (seg.size() == 2 && seg.get(0).equals("runners") && method.equals("GET")) {
            Map<String, Object> r = runners.get(Long.valueOf(seg.get(1)));
            return r == null ? json(404, Map.of("message", "404 Runner Not Found")) : json(200, r);
        }
        if (seg.size() < 2 || !seg.get(0).equals("projects")) {
            return json(404, Map.of("message", "404 Not Found"));
        }
        FProject p = projects.get(seg.get(1));
        if (p == null) {
            p = projects.values().stream().filter(x -> String.valueOf(x.id).equals(seg.get(1))).findFirst()
                    .orElse(null);
        }
        if (p == null) {
            return json(404, Map.of("message", "404 Project Not Found"));
        }
        List<String> rest = seg.subList(2, seg.size());
        if (rest.isEmpty() && method.equals("GET")) {
            return json(200, project(p));
        }
        if (rest.size() == 3 && rest.get(0).equals("repository") && rest.get(1).equals("files")
                && method.equals("GET")) {
            return file(p, rest.get(2), query.get("ref"));
        }
        if (rest.equals(List.of("repository", "tree")) && method.equals("GET")) {
            FCommit c = commit(p, query.get("ref"));
            if (c == null) {
                return json(404, Map.of("message", "404 Tree Not Found"));
            }
            List<Object> out = new ArrayList<>();
            for (String f : new TreeSet<>(c.files().keySet())) {
                out.add(Map.of("id", sha1(c.files().get(f)), "name", f.substring(f.lastIndexOf('/') + 1),
                        "type", "blob", "path", f, "mode", "100644"));
            }
            return page(out, query, 100);
        }
        if (rest.size() == 3 && rest.get(0).equals("repository") && rest.get(1).equals("branches")
                && method.equals("GET")) {
            String sha = p.branches.get(rest.get(2));
            return sha == null ? json(404, Map.of("message", "404 Branch Not Found"))
                    : json(200, Map.of("name", rest.get(2), "commit", commitJson(commits.get(sha))));
        }
        if (rest.equals(List.of("repository", "commits")) && method.equals("POST")) {
            return createCommit(p, req.getBodyAsString());
        }
        if (rest.equals(List.of("repository", "compare")) && method.equals("GET")) {
            return compare(p, query.get("from"), query.get("to"));
        }
        if (rest.equals(List.of("runners")) && method.equals("GET")) {
            List<Object> out = new ArrayList<>();
            for (Map.Entry<Long, Map<String, Object>> e : runners.entrySet()) {
                if ("instance_type".equals(e.getValue().get("runner_type"))
                        || runnerProjects.get(e.getKey()).contains(p.path)) {
                    Map<String, Object> listed = new LinkedHashMap<>(e.getValue());
                    listed.remove("tag_list");
                    out.add(listed);
                }
            }
            return page(out, query, 100);
        }
        if (rest.equals(List.of("jobs")) && method.equals("GET")) {
            // scope[] may repeat: read it from the raw query, GitLab answers every job when it is absent
            Set<String> scopes = new TreeSet<>();
            String url = req.getUrl();
            for (String kv : url.indexOf('?') < 0 ? new String[0] : url.substring(url.indexOf('?') + 1).split("&")) {
                int eq = kv.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
                if (eq > 0 && (k.equals("scope[]") || k.equals("scope"))) {
                    scopes.add(URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            List<Map<String, Object>> listed = new ArrayList<>(jobs.getOrDefault(p.path, List.of()));
            listed.sort(java.util.Comparator.comparingLong(j -> -((Number) j.get("id")).longValue()));
            List<Object> out = new ArrayList<>();
            for (Map<String, Object> j : listed) {
                if (!jobScopes || scopes.isEmpty() || scopes.contains(String.valueOf(j.get("status")))) {
                    out.add(j);
                }
            }
            return page(out, query, jobPageSize);
        }
        if (rest.equals(List.of("merge_requests")) && method.equals("GET")) {
            List<Object> out = new ArrayList<>();
            for (int i = mergeRequests.size() - 1; i >= 0; i--) {
                FMergeRequest m = mergeRequests.get(i);
                if (m.project == p && (query.get("state") == null || query.get("state").equals("all")
                        || query.get("state").equals(m.state))
                        && (query.get("source_branch") == null || query.get("source_branch").equals(m.source))) {
                    out.add(mr(m));
                }
            }
            return page(out, query, 100);
        }
        if (rest.equals(List.of("merge_requests")) && method.equals("POST")) {
            Map<String, String> form = params(req.getBodyAsString());
            String source = form.get("source_branch");
            for (FMergeRequest m : mergeRequests) {
                if (m.project == p && m.source.equals(source) && m.state.equals("opened")) {
                    return json(409, Map.of("message", List.of(
                            "Another open merge request already exists for this source branch: !" + m.iid)));
                }
            }
            if (!p.branches.containsKey(source)) {
                return json(422, Map.of("message", List.of("Source branch \"" + source + "\" does not exist")));
            }
            FMergeRequest m = new FMergeRequest(mergeRequests(p.path).size() + 1, p, source, form.get("target_branch"));
            m.title = form.get("title");
            m.description = form.getOrDefault("description", "");
            m.labels = form.get("labels");
            mergeRequests.add(m);
            return json(201, mr(m));
        }
        if (rest.size() == 2 && rest.get(0).equals("merge_requests") && method.equals("PUT")) {
            FProject project = p;
            FMergeRequest m = mergeRequests.stream().filter(x -> x.project == project
                    && String.valueOf(x.iid).equals(rest.get(1))).findFirst().orElse(null);
            if (m == null) {
                return json(404, Map.of("message", "404 Not found"));
            }
            Map<String, String> form = params(req.getBodyAsString());
            if (form.containsKey("description")) {
                m.description = form.get("description");
            }
            if (form.containsKey("title")) {
                m.title = form.get("title");
            }
            return json(200, mr(m));
        }
        return json(404, Map.of("message", "404 Not Found"));
    }

    private ResponseDefinition file(FProject p, String path, String ref) {
        FCommit c = commit(p, ref);
        if (c == null) {
            return json(404, Map.of("message", "404 Commit Not Found"));
        }
        String text = c.files().get(path);
        if (text == null) {
            return json(404, Map.of("message", "404 File Not Found"));
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file_name", path.substring(path.lastIndexOf('/') + 1));
        out.put("file_path", path);
        out.put("size", bytes.length);
        out.put("encoding", "base64");
        out.put("content", Base64.getEncoder().encodeToString(bytes));
        out.put("ref", ref);
        out.put("blob_id", sha1(text));
        out.put("commit_id", c.sha());
        out.put("last_commit_id", lastCommitFor(c.sha(), path));
        return json(200, out);
    }

    private ResponseDefinition createCommit(FProject p, String body) {
        JsonNode in;
        try {
            in = JSON.readTree(body);
        } catch (Exception e) {
            return json(400, Map.of("message", "bad json"));
        }
        String branch = in.path("branch").asText(null);
        String startBranch = in.path("start_branch").asText(null);
        String startSha = in.path("start_sha").asText(null);
        boolean force = in.path("force").asBoolean(false);
        if (startBranch != null && startSha != null) {
            return json(400, Map.of("message", "You can't pass both start_branch and start_sha"));
        }
        if (startBranch == null && startSha == null) {
            startBranch = branch;
        }
        String base = startSha != null ? startSha : p.branches.get(startBranch);
        if (base == null || !commits.containsKey(base)) {
            return json(400, Map.of("message", "You can only create or edit files when you are on a branch"));
        }
        boolean different = !branch.equals(startBranch) || startSha != null;
        if (different && p.branches.containsKey(branch) && !force) {
            return json(400, Map.of("message", "A branch called '" + branch
                    + "' already exists. Switch to that branch in order to make changes"));
        }
        Map<String, String> files = new TreeMap<>(commits.get(base).files());
        for (JsonNode a : in.path("actions")) {
            String path = a.path("file_path").asText();
            String action = a.path("action").asText();
            if (action.equals("update")) {
                if (!files.containsKey(path)) {
                    return json(400, Map.of("message", "A file with this name doesn't exist"));
                }
                String last = a.path("last_commit_id").asText(null);
                if (last != null && startBranch != null) {
                    // Files::BaseService#file_has_changed?: the path's last commit on start_branch vs at last_commit_id
                    String onBranch = lastCommitFor(p.branches.get(startBranch), path);
                    String atGiven = commits.containsKey(last) ? lastCommitFor(last, path) : null;
                    if (onBranch != null && atGiven != null && !onBranch.equals(atGiven)) {
                        return json(400, Map.of("message", "You are attempting to update a file `" + path
                                + "` that has changed since you started editing it."));
                    }
                }
                files.put(path, a.path("content").asText());
            } else if (action.equals("create")) {
                files.put(path, a.path("content").asText());
            } else {
                return json(400, Map.of("message", "unsupported action " + action));
            }
        }
        String sha = newCommit(base, files, BOT_NAME, BOT_EMAIL, in.path("commit_message").asText());
        p.branches.put(branch, sha);
        return json(201, commitJson(commits.get(sha)));
    }

    private ResponseDefinition compare(FProject p, String from, String to) {
        FCommit f = commit(p, from);
        FCommit t = commit(p, to);
        if (f == null || t == null) {
            return json(404, Map.of("message", "404 Ref Not Found"));
        }
        Set<String> fromAncestors = ancestors(f.sha());
        List<Object> list = new ArrayList<>();
        String mergeBase = null;
        for (String s = t.sha(); s != null; s = commits.get(s).parent()) {
            if (fromAncestors.contains(s)) {
                mergeBase = s;
                break;
            }
            list.add(0, commitJson(commits.get(s)));
        }
        Map<String, String> before = mergeBase == null ? Map.of() : commits.get(mergeBase).files();
        List<Object> diffs = new ArrayList<>();
        Set<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(t.files().keySet());
        for (String path : paths) {
            if (!java.util.Objects.equals(before.get(path), t.files().get(path))) {
                diffs.add(Map.of("old_path", path, "new_path", path, "diff", "@@ changed @@",
                        "new_file", !before.containsKey(path), "deleted_file", !t.files().containsKey(path),
                        "renamed_file", false));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("commit", list.isEmpty() ? null : list.get(list.size() - 1));
        out.put("commits", list);
        out.put("diffs", diffs);
        out.put("compare_timeout", false);
        out.put("compare_same_ref", f.sha().equals(t.sha()));
        return json(200, out);
    }

    private Map<String, Object> project(FProject p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", p.id);
        out.put("path_with_namespace", p.path);
        out.put("path", p.path.substring(p.path.lastIndexOf('/') + 1));
        out.put("default_branch", p.defaultBranch);
        out.put("archived", p.archived);
        out.put("empty_repo", false);
        out.put("ci_config_path", p.ciConfigPath);
        out.put("jobs_enabled", p.jobsEnabled);
        out.put("web_url", url() + "/" + p.path);
        return out;
    }

    private Map<String, Object> commitJson(FCommit c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.sha());
        out.put("short_id", c.sha().substring(0, 8));
        out.put("title", c.message().lines().findFirst().orElse(""));
        out.put("message", c.message());
        out.put("author_name", c.authorName());
        out.put("author_email", c.authorEmail());
        out.put("committer_name", c.authorName());
        out.put("committer_email", c.authorEmail());
        out.put("parent_ids", c.parent() == null ? List.of() : List.of(c.parent()));
        return out;
    }

    private Map<String, Object> mr(FMergeRequest m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", 1000 + m.iid);
        out.put("iid", m.iid);
        out.put("project_id", m.project.id);
        out.put("title", m.title);
        out.put("description", m.description);
        out.put("state", m.state);
        out.put("source_branch", m.source);
        out.put("target_branch", m.target);
        out.put("sha", m.project.branches.get(m.source));
        out.put("web_url", url() + "/" + m.project.path + "/-/merge_requests/" + m.iid);
        out.put("labels", m.labels == null ? List.of() : List.of(m.labels.split(",")));
        out.put("draft", m.title != null && m.title.startsWith("Draft:"));
        return out;
    }

    private ResponseDefinition page(List<Object> items, Map<String, String> query, int maxPerPage) {
        int perPage = Math.min(maxPerPage, Integer.parseInt(query.getOrDefault("per_page", "20")));
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        int from = Math.min(items.size(), (page - 1) * perPage);
        int to = Math.min(items.size(), from + perPage);
        int pages = Math.max(1, (items.size() + perPage - 1) / perPage);
        ResponseDefinitionBuilder b = aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("X-Per-Page", String.valueOf(perPage)).withHeader("X-Page", String.valueOf(page))
                .withHeader("X-Next-Page", page < pages ? String.valueOf(page + 1) : "")
                .withHeader("X-Prev-Page", page > 1 ? String.valueOf(page - 1) : "");
        if (totals) {
            b.withHeader("X-Total", String.valueOf(items.size())).withHeader("X-Total-Pages", String.valueOf(pages));
        }
        return b.withBody(write(items.subList(from, to))).build();
    }

    private static ResponseDefinition json(int status, Object body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(write(body))
                .build();
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> params(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String kv : text.split("&")) {
            int eq = kv.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }
}
