package io.reelflow.delivery;

import io.reelflow.inspection.CompositionPlaylist;
import io.reelflow.inspection.CompositionPlaylistReader;
import io.reelflow.inspection.Finding;
import io.reelflow.inspection.MediaDuration;
import io.reelflow.inspection.Rational;
import io.reelflow.inspection.TrackKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Small pure helpers of the delivery room. */
public final class Deliveries {

    private Deliveries() {
    }

    public static String label(TrackKind kind) {
        return switch (kind) {
            case SUBTITLE -> "Subtitles";
            case DUB -> "Dubbed audio";
            case AUDIO_DESCRIPTION -> "Audio description";
            case FORCED_NARRATIVE -> "Forced narratives";
        };
    }

    /** The composition's picture duration and edit rate, read from the package's CPL (main image sequence). */
    public record Composition(MediaDuration duration, Rational editRate) {
    }

    public static Optional<Composition> composition(Path packageDir) {
        if (!Files.isDirectory(packageDir)) return Optional.empty();
        try (Stream<Path> files = Files.list(packageDir)) {
            for (Path xml : files.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".xml")).sorted().toList()) {
                try {
                    List<Finding> ignored = new ArrayList<>();
                    CompositionPlaylist cpl = CompositionPlaylistReader.read(xml, xml.getFileName().toString(), ignored);
                    if (cpl == null || cpl.editRate() == null || cpl.sequences(CompositionPlaylist.MAIN_IMAGE).isEmpty()) continue;
                    Rational seconds = Rational.ZERO;
                    for (CompositionPlaylist.Sequence s : cpl.sequences(CompositionPlaylist.MAIN_IMAGE)) {
                        for (CompositionPlaylist.Resource r : s.resources()) {
                            Long units = r.playedEditUnits();
                            if (units == null) return Optional.empty();
                            seconds = seconds.plus(Rational.of(units).dividedBy(r.effectiveEditRate(cpl.editRate())));
                        }
                    }
                    return Optional.of(new Composition(MediaDuration.ofSeconds(seconds), cpl.editRate()));
                } catch (Exception notACpl) {
                    // not a composition playlist: try the next file
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
