package dev.spotlane.policy.init;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which tags name a runner that is not the local Docker runner. A tag whose words (split on {@code - _ . /} and
 * spaces) include an operating system, a CPU architecture, a non-Docker executor or special hardware, or that names
 * GitLab.com's hosted runners ({@code saas-*}, {@code gitlab-org*}), belongs to another runner: spotlane's Linux ARM
 * cloud workers cannot take such a job, and a workstation's Docker runner does not carry such a tag. Every other tag
 * ({@code docker}, {@code linux}, a machine or team name) is taken as the local runner's.
 */
public final class TagHeuristic {
    private static final Pattern OS = Pattern.compile("(windows|win|macos|mac|osx|darwin|ios|xcode|freebsd|openbsd"
            + "|netbsd|solaris|aix|android)\\d*");
    private static final Pattern WINDOWS_TOOLCHAIN = Pattern.compile("(vs|msvc)\\d*|msys\\d*|mingw\\d*|cygwin");
    private static final Pattern ARCH = Pattern.compile("arm|arm64|aarch64|armv\\d+l?|armhf|amd64|x86|x64|i[3-6]86"
            + "|ppc64(le)?|s390x|riscv64|m[1-4]");
    private static final Set<String> EXECUTOR = Set.of("shell", "bash", "powershell", "pwsh", "ssh", "virtualbox",
            "parallels", "kubernetes", "k8s", "podman", "lxd", "libvirt", "qemu");
    private static final Set<String> HARDWARE = Set.of("gpu", "gpus", "cuda", "nvidia", "tpu", "fpga", "rocm");

    private TagHeuristic() {
    }

    /** Why the tag belongs to another runner, or null when it is taken as the local runner's. */
    public static String otherRunnerReason(String tag) {
        String t = tag.toLowerCase(Locale.ROOT).strip();
        if (t.startsWith("saas-")) {
            return "a GitLab.com hosted runner tag (saas-*)";
        }
        if (t.startsWith("gitlab-org")) {
            return "GitLab's own shared runners (gitlab-org*)";
        }
        for (String word : t.split("[-_./ ]+")) {
            if (OS.matcher(word).matches()) {
                return "names an operating system (\"" + word + "\")";
            }
            if (WINDOWS_TOOLCHAIN.matcher(word).matches()) {
                return "names a Windows toolchain (\"" + word + "\")";
            }
            if (ARCH.matcher(word).matches()) {
                return "names a CPU architecture (\"" + word + "\")";
            }
            if (EXECUTOR.contains(word)) {
                return "names a non-Docker executor (\"" + word + "\")";
            }
            if (HARDWARE.contains(word)) {
                return "names special hardware (\"" + word + "\")";
            }
        }
        return null;
    }
}
