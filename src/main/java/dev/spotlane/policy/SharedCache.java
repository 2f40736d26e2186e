package dev.spotlane.policy;

import java.util.Objects;

/**
 * The runners' shared cache ({@code fleet.cache}): an S3 bucket every worker reads and writes through URLs the
 * manager signs, so a job's {@code cache:} survives the worker that made it (scale to zero terminates workers).
 *
 * @param bucket the bucket name
 * @param region the bucket's region
 * @param path   a key prefix for the cache objects, or "" for none
 * @param shared whether runners share one cache (every class's jobs see the same keys)
 */
public record SharedCache(String bucket, String region, String path, boolean shared) {
    public SharedCache {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(path, "path");
    }

    /** The S3 resource the cache objects live under: {@code arn:aws:s3:::bucket/path/*}. */
    public String objectsArn() {
        return "arn:aws:s3:::" + bucket + "/" + (path.isEmpty() ? "" : path.replaceAll("/+$", "") + "/") + "*";
    }
}
