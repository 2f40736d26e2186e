package dev.spotlane.model;

/** Whether an image reference is a job's {@code image} or one of its {@code services}. */
public enum ImageKind {
    IMAGE, SERVICE;

    /** {@code image} or {@code service}, as written in reports. */
    public String label() {
        return this == IMAGE ? "image" : "service";
    }
}
