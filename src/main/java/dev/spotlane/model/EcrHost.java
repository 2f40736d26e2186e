package dev.spotlane.model;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private Amazon ECR registry host, {@code <account>.dkr.ecr.<region>.amazonaws.com} (or {@code .amazonaws.com.cn}
 * in the China partition). Docker logs in to it with {@code aws ecr get-login-password --region <region>}, a token
 * valid for every registry of that region the caller may read (ECR user guide, "Private registry authentication").
 *
 * @param host    the host as written
 * @param account the 12-digit account id
 * @param region  the region, e.g. {@code eu-west-1}
 * @param china   whether it is in the {@code aws-cn} partition
 */
public record EcrHost(String host, String account, String region, boolean china) {
    private static final Pattern HOST = Pattern.compile(
            "(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z]{2}(?:-[a-z]+)+-\\d)\\.amazonaws\\.com(\\.cn)?");

    public EcrHost {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
    }

    /** The ECR registry a host names, or empty for any other host (public.ecr.aws is anonymous: not private). */
    public static Optional<EcrHost> parse(String host) {
        if (host == null) {
            return Optional.empty();
        }
        Matcher m = HOST.matcher(host);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new EcrHost(host, m.group(1), m.group(2), m.group(3) != null));
    }

    /** The ARN of one repository of this registry: {@code arn:aws:ecr:<region>:<account>:repository/<name>}. */
    public String repositoryArn(String repository) {
        return "arn:" + (china ? "aws-cn" : "aws") + ":ecr:" + region + ":" + account + ":repository/" + repository;
    }
}
