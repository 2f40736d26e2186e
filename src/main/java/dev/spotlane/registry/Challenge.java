package dev.spotlane.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code WWW-Authenticate} challenge (RFC 7235): a scheme ({@code bearer}, {@code basic}) and its parameters,
 * e.g. {@code Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:x:pull"}.
 *
 * @param scheme the scheme, lower case
 * @param params the parameters, names in lower case, values unquoted
 */
public record Challenge(String scheme, Map<String, String> params) {
    public Challenge {
        Objects.requireNonNull(scheme, "scheme");
        params = Map.copyOf(params);
    }

    /** @return the parameter's value, or null */
    public String param(String name) {
        return params.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Parses one header value, which may hold several challenges ({@code Basic realm="x", Bearer realm="y"}).
     * Malformed parts are skipped; never throws for a non-null value.
     */
    public static List<Challenge> parse(String header) {
        Objects.requireNonNull(header, "header");
        List<Challenge> out = new ArrayList<>();
        int i = 0;
        int n = header.length();
        String scheme = null;
        Map<String, String> params = new LinkedHashMap<>();
        while (i < n) {
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == ',' || header.charAt(i) == '\t')) {
                i++;
            }
            int start = i;
            while (i < n && isToken(header.charAt(i))) {
                i++;
            }
            if (i == start) {
                i++;
                continue;
            }
            String word = header.substring(start, i);
            int j = i;
            while (j < n && header.charAt(j) == ' ') {
                j++;
            }
            if (j < n && header.charAt(j) == '=' && scheme != null) {
                // name=value (token or quoted string)
                j++;
                while (j < n && header.charAt(j) == ' ') {
                    j++;
                }
                StringBuilder value = new StringBuilder();
                if (j < n && header.charAt(j) == '"') {
                    j++;
                    while (j < n && header.charAt(j) != '"') {
                        if (header.charAt(j) == '\\' && j + 1 < n) {
                            j++;
                        }
                        value.append(header.charAt(j));
                        j++;
                    }
                    j++;
                } else {
                    while (j < n && header.charAt(j) != ',' && header.charAt(j) != ' ') {
                        value.append(header.charAt(j));
                        j++;
                    }
                }
                params.putIfAbsent(word.toLowerCase(Locale.ROOT), value.toString());
                i = j;
            } else {
                if (scheme != null) {
                    out.add(new Challenge(scheme, params));
                }
                scheme = word.toLowerCase(Locale.ROOT);
                params = new LinkedHashMap<>();
            }
        }
        if (scheme != null) {
            out.add(new Challenge(scheme, params));
        }
        return out;
    }

    private static boolean isToken(char c) {
        return c > ' ' && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
