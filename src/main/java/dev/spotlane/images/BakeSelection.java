package dev.spotlane.images;

import dev.spotlane.model.ImageRef;
import dev.spotlane.policy.ImagePlatforms;
import dev.spotlane.resolve.ResolvedImage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which images go into the worker AMI: the same rules as routing. Only images of jobs that run on the cloud fleet
 * (the caller passes their names, as routing decides them), never a Windows image, never one the platforms file
 * records without any of the fleet's architectures (an amd64-only image on ARM workers). Unknown images (not in the
 * platforms file) are kept.
 */
public final class BakeSelection {
    private BakeSelection() {
    }

    /**
     * @param images    every image the pipelines pull
     * @param cloudJobs the jobs that run on the cloud fleet
     * @param platforms the platforms file
     * @param archs     the fleet's architectures ({@code arm64})
     */
    public static List<ResolvedImage> discovered(List<ResolvedImage> images, Set<String> cloudJobs,
                                                 ImagePlatforms platforms, Collection<String> archs) {
        Objects.requireNonNull(cloudJobs, "cloudJobs");
        List<ResolvedImage> out = new ArrayList<>();
        for (ResolvedImage i : images) {
            if (i.job() != null && cloudJobs.contains(i.job()) && fits(i.ref(), platforms, archs)
                    && !windows(i.written())) {
                out.add(i);
            }
        }
        return out;
    }

    /** The manual allowlist without its Windows and wrong-architecture entries. */
    public static Allowlist manual(Allowlist manual, ImagePlatforms platforms, Collection<String> archs) {
        return manual.filter(e -> !windows(e.text()) && (e.ref() == null || fits(e.ref(), platforms, archs)));
    }

    /** False for an image recorded without any of the architectures; true when unknown. */
    public static boolean fits(ImageRef ref, ImagePlatforms platforms, Collection<String> archs) {
        if (windows(ref.original())) {
            return false;
        }
        return platforms.lookup(ref).map(e -> archs.stream().anyMatch(e::supports)).orElse(true);
    }

    /** {@code mcr.microsoft.com/windows*}, {@code *windowsservercore*}, {@code *nanoserver*}. */
    static boolean windows(String reference) {
        String r = reference.toLowerCase(Locale.ROOT);
        return r.startsWith("mcr.microsoft.com/windows") || r.contains("windowsservercore")
                || r.contains("nanoserver");
    }
}
