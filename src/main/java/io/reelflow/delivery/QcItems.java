package io.reelflow.delivery;

import io.reelflow.inspection.TrackKind;
import io.reelflow.inspection.Bcp47;
import io.reelflow.platform.web.FieldProblem;
import io.reelflow.platform.web.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Netflix QC items as a person enters them in Tasklist or Backlot reports them in a {@code QC_RESULT} event, read
 * and checked by one parser: an item that names a track (language, kind) must name one of the deal's own tracks,
 * exactly (a deal whose dub is {@code fr} has no {@code fr-FR} dub), of a kind its category concerns (a missing asset
 * may name one the deal lacks: it goes to the coordinator); subtitles and
 * forced narratives must name their track; audio without a track is the package's original mix. A refusal names
 * the item and lists the deal's tracks, and nothing is recorded.
 */
final class QcItems {

    static final int MAX_ITEMS = 500;
    /** Rows of the Tasklist form, one item each (more items go on the lines below them). */
    static final int ROWS = 5;
    private static final java.util.regex.Pattern TIMECODE = java.util.regex.Pattern.compile("\\d{2}:\\d{2}:\\d{2}[:;.]\\d{2,3}");

    /** One row of the Tasklist form as typed: the category and track from their lists, the rest free text. */
    record Row(int number, String category, String track, String code, String timecode, String note) {
    }

    /**
     * A row of the form as an item, or empty when the row is blank; a row's problems (no category, a category or
     * track not offered, a timecode that is not one) are added to {@code problems}, each on the row's own field.
     */
    static java.util.Optional<DeliveryEventRequest.QcItem> parseRow(Row r, List<FieldProblem> problems) {
        String f = "qcItem" + r.number();
        if (r.category() == null) {
            if (r.track() != null || r.code() != null || r.timecode() != null || r.note() != null) {
                problems.add(new FieldProblem(f + "Category", "item " + r.number() + ": choose its category"));
            }
            return java.util.Optional.empty();
        }
        QcCategory c;
        try {
            c = QcCategory.valueOf(r.category());
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem(f + "Category", "item " + r.number() + ": '" + r.category() + "' is not a QC category, one of "
                    + Arrays.toString(QcCategory.values())));
            return java.util.Optional.empty();
        }
        String language = null;
        TrackKind kind = null;
        if (r.track() != null) {
            String[] parts = r.track().strip().split("\\s+");
            try {
                if (parts.length != 2) throw new IllegalArgumentException();
                kind = TrackKind.valueOf(parts[0]);
                language = parts[1];
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem(f + "Track", "item " + r.number() + ": '" + r.track() + "' is not one of this deal's tracks"));
                return java.util.Optional.empty();
            }
        }
        if (r.timecode() != null && !TIMECODE.matcher(r.timecode()).matches()) {
            problems.add(new FieldProblem(f + "Timecode", "item " + r.number() + ": '" + r.timecode() + "' is not a timecode (HH:MM:SS:FF)"));
            return java.util.Optional.empty();
        }
        if (r.code() != null && r.code().length() > 50) {
            problems.add(new FieldProblem(f + "Code", "item " + r.number() + ": at most 50 characters"));
            return java.util.Optional.empty();
        }
        if (r.note() != null && r.note().length() > 2000) {
            problems.add(new FieldProblem(f + "Note", "item " + r.number() + ": at most 2000 characters"));
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new DeliveryEventRequest.QcItem(c, r.code(), r.timecode(), r.note(), language, kind));
    }

    private QcItems() {
    }

    /** The Tasklist entry: one item per line, {@code CATEGORY | code | timecode | note | language | kind}. */
    static List<DeliveryEventRequest.QcItem> parseLines(String text) {
        List<DeliveryEventRequest.QcItem> items = new ArrayList<>();
        if (text == null) return items;
        List<FieldProblem> problems = new ArrayList<>();
        int n = 0;
        for (String line : text.split("\\R")) {
            n++;
            if (line.isBlank()) continue;
            if (items.size() >= MAX_ITEMS) {
                problems.add(new FieldProblem("qcItems", "at most " + MAX_ITEMS + " items"));
                break;
            }
            String[] cells = line.split("\\|", -1);
            String category = cells[0].strip().toUpperCase(Locale.ROOT).replace(' ', '_');
            QcCategory c;
            try {
                c = QcCategory.valueOf(category);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("qcItems", "line " + n + ": '" + cells[0].strip() + "' is not a QC category, one of "
                        + Arrays.toString(QcCategory.values())));
                continue;
            }
            String kindText = cell(cells, 5);
            TrackKind kind = null;
            if (kindText != null) {
                try {
                    kind = TrackKind.valueOf(kindText.toUpperCase(Locale.ROOT).replace(' ', '_'));
                } catch (IllegalArgumentException e) {
                    problems.add(new FieldProblem("qcItems", "line " + n + ": '" + kindText + "' is not a track kind, one of "
                            + Arrays.toString(TrackKind.values())));
                    continue;
                }
            }
            items.add(new DeliveryEventRequest.QcItem(c, cell(cells, 1), cell(cells, 2), cell(cells, 3), cell(cells, 4), kind));
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        return items;
    }

    /**
     * The problems of items against the deal's tracks, each named by {@code name} (e.g. {@code items[0]} for an event,
     * {@code line 1} for the Tasklist entry; the problems are reported on {@code field}).
     */
    static List<FieldProblem> check(List<DeliveryEventRequest.QcItem> items, List<DeliveryService.Track> tracks, String field,
                                    IntFunction<String> name, boolean eventFields) {
        List<FieldProblem> problems = new ArrayList<>();
        List<String> dealTracks = tracks.stream().map(t -> t.kind() + " " + t.language()).toList();
        for (int i = 0; i < items.size(); i++) {
            DeliveryEventRequest.QcItem item = items.get(i);
            String which = name.apply(i);
            String where = eventFields ? which : field;
            String prefix = eventFields ? "" : which + ": ";
            if (item.language() != null && Bcp47.problem(item.language()) != null) {
                problems.add(new FieldProblem(eventFields ? which + ".language" : field, prefix + Bcp47.problem(item.language())));
                continue;
            }
            QcCategory c = item.category();
            if (item.kind() != null && !c.trackKinds().contains(item.kind())) {
                problems.add(new FieldProblem(where, prefix + c + " is not about a " + item.kind() + " track"
                        + (c.trackKinds().isEmpty() ? " (it concerns no track)" : " (it concerns " + c.trackKinds() + ")")));
                continue;
            }
            boolean namesTrack = item.language() != null || item.kind() != null;
            if (!namesTrack) {
                if (c == QcCategory.SUBTITLES || c == QcCategory.FORCED_NARRATIVES) {
                    problems.add(new FieldProblem(where, prefix + c + " must name its track (language and kind), one of the deal's tracks "
                            + dealTracks));
                }
                continue; // audio without a track: the package's original mix; picture, colour, metadata: no track
            }
            if (c.trackKinds().isEmpty()) continue; // picture, colour, metadata: a language is a note, not a track
            if (c == QcCategory.MISSING_ASSET) continue; // an asset the deal did not order: the coordinator sorts it out
            boolean found = tracks.stream().anyMatch(t -> c.trackKinds().contains(t.kind())
                    && (item.kind() == null || item.kind() == t.kind())
                    && item.language() != null && t.language().equals(item.language()));
            if (!found) {
                problems.add(new FieldProblem(where, prefix + "names no track of this deal ("
                        + (item.kind() == null ? "" : item.kind() + " ") + (item.language() == null ? "no language" : item.language())
                        + "; tags must match exactly); the deal's tracks are " + dealTracks));
            }
        }
        return problems;
    }

    private static String cell(String[] cells, int i) {
        return cells.length > i && !cells[i].isBlank() ? cells[i].strip() : null;
    }
}
