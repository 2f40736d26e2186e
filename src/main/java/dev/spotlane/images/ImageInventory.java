package dev.spotlane.images;

import dev.spotlane.model.ImageKind;
import dev.spotlane.model.ImageUse;
import dev.spotlane.model.Location;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Groups image uses into distinct references, each with all its locations. */
public final class ImageInventory {
    private static final Comparator<ImageEntry> ORDER = Comparator
            .comparing((ImageEntry e) -> e.ref().original())
            .thenComparing(ImageEntry::kind);

    private ImageInventory() {
    }

    /** One entry per distinct (reference as written, kind), sorted by reference then kind. */
    public static List<ImageEntry> of(List<ImageUse> uses) {
        Objects.requireNonNull(uses, "uses");
        Map<String, List<ImageUse>> groups = new LinkedHashMap<>();
        for (ImageUse use : uses) {
            groups.computeIfAbsent(use.kind() + "\u0000" + use.ref().original(), k -> new ArrayList<>()).add(use);
        }
        List<ImageEntry> out = new ArrayList<>();
        for (List<ImageUse> group : groups.values()) {
            ImageKind kind = group.get(0).kind();
            List<Location> locations = group.stream().map(ImageUse::location).sorted().distinct().toList();
            out.add(new ImageEntry(group.get(0).ref(), kind, locations));
        }
        out.sort(ORDER);
        return List.copyOf(out);
    }
}
