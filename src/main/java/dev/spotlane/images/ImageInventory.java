package dev.spotlane.images;

import dev.spotlane.model.ImageKind;
import dev.spotlane.model.Location;
import dev.spotlane.resolve.ResolvedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Groups the images a pipeline pulls into distinct references, each with all its locations. */
public final class ImageInventory {
    private static final Comparator<ImageEntry> ORDER = Comparator
            .comparing((ImageEntry e) -> e.ref().original())
            .thenComparing(ImageEntry::kind);

    private ImageInventory() {
    }

    /** One entry per distinct (reference, kind), sorted by reference then kind. */
    public static List<ImageEntry> of(List<ResolvedImage> images) {
        Objects.requireNonNull(images, "images");
        Map<String, List<ResolvedImage>> groups = new LinkedHashMap<>();
        for (ResolvedImage image : images) {
            groups.computeIfAbsent(image.kind() + "\u0000" + image.ref().original(), k -> new ArrayList<>())
                    .add(image);
        }
        List<ImageEntry> out = new ArrayList<>();
        for (List<ResolvedImage> group : groups.values()) {
            ImageKind kind = group.get(0).kind();
            List<Location> locations = group.stream().map(ResolvedImage::location).sorted().distinct().toList();
            Set<String> needs = new LinkedHashSet<>();
            group.forEach(g -> needs.addAll(g.needs()));
            out.add(new ImageEntry(group.get(0).ref(), kind, locations, List.copyOf(needs)));
        }
        out.sort(ORDER);
        return List.copyOf(out);
    }
}
