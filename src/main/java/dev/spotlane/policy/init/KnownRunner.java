package dev.spotlane.policy.init;

import java.util.List;
import java.util.Objects;

/**
 * A runner GitLab lists for the project (through the API), as {@code spotlane init} weighs it.
 *
 * @param id          the runner's id
 * @param description its description (may be empty)
 * @param type        {@code instance_type} (shared), {@code group_type} or {@code project_type}
 * @param tags        its tag list
 * @param paused      whether it is paused (it takes no jobs then)
 */
public record KnownRunner(long id, String description, String type, List<String> tags, boolean paused) {
    public KnownRunner {
        description = description == null ? "" : description;
        type = type == null ? "" : type;
        tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
    }

    /** A shared runner of the whole instance (on GitLab.com: the hosted runners). */
    public boolean shared() {
        return "instance_type".equals(type);
    }

    /** {@code #12 "workstation"} for messages. */
    public String label() {
        return "#" + id + (description.isBlank() ? "" : " \"" + description.strip() + "\"");
    }
}
