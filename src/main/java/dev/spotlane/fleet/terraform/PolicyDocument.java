package dev.spotlane.fleet.terraform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * An IAM policy that spotlane renders as JSON ({@code spotlane iam-policy}), turned into Terraform's
 * {@code data "aws_iam_policy_document"} statement by statement, so the Terraform files grant exactly what
 * {@code iam-policy} prints. The account id is not known to spotlane: the JSON is rendered with {@link #ACCOUNT}
 * in its place, and every string holding it becomes a template with {@code data.aws_caller_identity.current}. A key
 * this converter does not know fails loudly: a statement is never dropped or widened on the way.
 */
final class PolicyDocument {
    /** Stands for the account id while the JSON is rendered; no AWS name can hold a control character. */
    static final String ACCOUNT = "\u0001account\u0001";
    static final String ACCOUNT_EXPRESSION = "data.aws_caller_identity.current.account_id";
    private static final Set<String> KEYS = Set.of("Sid", "Effect", "Action", "Resource", "Condition");

    private PolicyDocument() {
    }

    /** The data block named {@code name} holding every statement of {@code json}. */
    static Hcl.Block of(String name, String json) {
        JsonNode root = new ObjectMapper().readTree(json);
        if (!"2012-10-17".equals(root.path("Version").asString(""))) {
            throw new IllegalStateException("policy version is not 2012-10-17");
        }
        Hcl.Block data = new Hcl.Block("data", "aws_iam_policy_document", name);
        boolean first = true;
        for (JsonNode s : root.path("Statement")) {
            for (Map.Entry<String, JsonNode> property : s.properties()) {
                String key = property.getKey();
                if (!KEYS.contains(key)) {
                    throw new IllegalStateException("policy statement key \"" + key + "\" is not converted");
                }
            }
            if (!first) {
                data.blank();
            }
            first = false;
            Hcl.Block st = new Hcl.Block("statement");
            st.attr("sid", template(s.path("Sid").asString()));
            st.attr("effect", template(s.path("Effect").asString()));
            st.attr("actions", list(strings(s.path("Action")), 4));
            st.attr("resources", list(strings(s.path("Resource")), 4));
            if (s.has("Condition")) {
                for (Map.Entry<String, JsonNode> test : s.path("Condition").properties()) {
                    for (Map.Entry<String, JsonNode> variable : test.getValue().properties()) {
                        st.block(new Hcl.Block("condition")
                                .attr("test", template(test.getKey()))
                                .attr("variable", template(variable.getKey()))
                                .attr("values", list(strings(variable.getValue()), 6)));
                    }
                }
            }
            data.block(st);
        }
        return data;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isString()) {
            out.add(n.asString());
        } else {
            n.forEach(v -> out.add(v.asString()));
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("empty policy list");
        }
        return out;
    }

    private static String list(List<String> values, int indent) {
        List<String> rendered = values.stream().map(PolicyDocument::template).toList();
        if (rendered.size() == 1) {
            return "[" + rendered.get(0) + "]";
        }
        String pad = " ".repeat(indent + 2);
        return String.join(",\n", rendered.stream().map(v -> pad + v).toList()).transform(
                inner -> "[\n" + inner + ",\n" + " ".repeat(indent) + "]");
    }

    /** A quoted string: the literal text escaped, the account placeholder as an interpolation. */
    static String template(String value) {
        StringBuilder b = new StringBuilder("\"");
        String[] parts = value.split(ACCOUNT, -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                b.append("${").append(ACCOUNT_EXPRESSION).append('}');
            }
            b.append(Hcl.escape(parts[i]));
        }
        return b.append('"').toString();
    }
}
