package io.reelflow.delivery;

import io.reelflow.inspection.TrackKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Routes each rejected QC item to whoever fixes it (rules layer: no framework). */
public final class QcRouting {

    public record Track(long id, TrackKind kind, String language) {
    }

    public record Item(QcCategory category, String code, String timecode, String note, String language, TrackKind kind) {
    }

    /** @param trackId the track to redo, when the item belongs to one */
    public record Routed(Item item, QcCategory.Fixer fixer, Long trackId, String routedTo) {
    }

    public record Plan(List<Routed> items, boolean packageRework, List<Long> tracksToRedo, boolean metadataFix) {
    }

    private QcRouting() {
    }

    public static Plan route(List<Item> items, List<Track> tracks) {
        List<Routed> routed = new ArrayList<>();
        boolean pkg = false;
        boolean metadata = false;
        List<Long> redo = new ArrayList<>();
        for (Item item : items) {
            QcCategory.Fixer fixer = item.category().fixer();
            Long trackId = null;
            String to;
            switch (fixer) {
                case POST_HOUSE -> {
                    pkg = true;
                    to = "post house (re-grade and new IMF package)";
                }
                case COORDINATOR -> {
                    metadata = true;
                    to = "delivery coordinator (metadata)";
                }
                default -> {
                    Optional<Track> track = match(item, tracks);
                    if (track.isPresent()) {
                        trackId = track.get().id();
                        if (!redo.contains(trackId)) redo.add(trackId);
                        to = (fixer == QcCategory.Fixer.LOCALIZATION ? "localization: " : "vendor of ") + Deliveries.label(track.get().kind()) + " "
                                + track.get().language();
                    } else if (item.category() == QcCategory.AUDIO || item.category() == QcCategory.AUDIO_SYNC) {
                        // the original-language mix is in the IMF package
                        pkg = true;
                        to = "post house (audio of the IMF package)";
                    } else {
                        metadata = true;
                        to = "delivery coordinator (no track of the deal matches " + item.language() + ")";
                    }
                }
            }
            routed.add(new Routed(item, fixer, trackId, to));
        }
        return new Plan(routed, pkg, redo, metadata);
    }

    private static Optional<Track> match(Item item, List<Track> tracks) {
        return tracks.stream()
                .filter(t -> item.category().trackKinds().contains(t.kind()))
                .filter(t -> item.kind() == null || item.kind() == t.kind())
                .filter(t -> t.language().equals(item.language())) // exact BCP 47: pt-BR is not pt
                .findFirst();
    }
}
