package dev.spotlane.transform;

import dev.spotlane.model.Location;
import dev.spotlane.policy.InstanceClass;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a job needs from a runner, each need with the place in the files that gives it. A job moves only to a class
 * that satisfies every need; otherwise it stays where it is and the first unmet need is the reason.
 *
 * @param job   the job name
 * @param needs every need found, in the order found
 */
public record JobNeeds(String job, List<Need> needs) {
    public JobNeeds {
        Objects.requireNonNull(job, "job");
        needs = List.copyOf(needs);
    }

    /** What kind of runner a need asks for. */
    public enum Kind {
        /** Privileged job containers (docker:dind, a Docker daemon service). */
        PRIVILEGED,
        /** {@code docker: platform:} on the image or a service ({@link Need#platforms()}). */
        PLATFORM,
        /** An image this pipeline builds: it has the builder's platforms ({@link Need#platforms()}). */
        BUILT,
        /** An image the platforms file records for some platforms only ({@link Need#platforms()}). */
        RECORDED,
        /** A Windows runner. */
        WINDOWS,
        /** A configuration spotlane could read whole (not moved unless {@code --assume-complete}). */
        COMPLETE
    }

    /**
     * One need.
     *
     * @param kind      what it asks for
     * @param platforms for the platform kinds: the platforms the image exists for ({@code linux/amd64}); else empty
     * @param what      what gives it, for messages ({@code service "docker:27-dind"})
     * @param at        where that is written
     */
    public record Need(Kind kind, List<String> platforms, String what, Location at) {
        public Need {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(at, "at");
            platforms = List.copyOf(platforms);
        }

        /** True when runners of this class can give it. */
        public boolean satisfiedBy(InstanceClass cls, boolean assumeComplete) {
            return switch (kind) {
                case PRIVILEGED -> cls.privileged();
                case PLATFORM, BUILT, RECORDED -> platforms.stream().anyMatch(p -> supports(p, cls.arch()));
                case WINDOWS -> false;
                case COMPLETE -> assumeComplete;
            };
        }

        /** Why a job with this need stays: {@code needs a privileged runner (service "docker:dind", a.yml:7:5)}. */
        public String reason() {
            String place = " (" + what + ", " + at + ")";
            return switch (kind) {
                case PRIVILEGED -> "needs a privileged runner" + place;
                case PLATFORM, BUILT, RECORDED -> "needs " + String.join(" or ", platforms) + place;
                case WINDOWS -> "needs a Windows runner" + place;
                case COMPLETE -> "its configuration is incomplete: " + what + " (" + at
                        + "); --assume-complete moves it anyway";
            };
        }

        /** {@code linux/arm64/v8} supports {@code arm64}; an OS other than linux supports no cloud class. */
        static boolean supports(String platform, String arch) {
            String want = "linux/" + arch;
            return platform.equals(want) || platform.startsWith(want + "/");
        }
    }

    /** The first need the class does not satisfy, if any. */
    public Optional<Need> unmet(InstanceClass cls, boolean assumeComplete) {
        return needs.stream().filter(n -> !n.satisfiedBy(cls, assumeComplete)).findFirst();
    }

    /** The first need of a kind, if any. */
    public Optional<Need> first(Kind kind) {
        return needs.stream().filter(n -> n.kind() == kind).findFirst();
    }
}
