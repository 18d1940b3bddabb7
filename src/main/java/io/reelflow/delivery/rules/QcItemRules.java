package io.reelflow.delivery.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Netflix QC results and their rejected items, read and checked by one set of rules, whether a coordinator enters them
 * in Tasklist (a row per item, the track chosen from the deal's own) or Backlot reports them in a {@code QC_RESULT}
 * event (language and kind per item). An item that names a track must name one of the deal's own tracks, exactly
 * (a deal whose dub is {@code fr} has no {@code fr-FR} dub), of a kind its category concerns; subtitles and forced
 * narratives must name theirs; audio without a track is the package's original mix; picture, colour and metadata
 * concern no track (a language there is a note); a missing asset may name a track the deal lacks (the coordinator
 * sorts it out). Each problem names the item and the part of it that is wrong.
 *
 * <p>Pure rules: text in, text out, no framework. This class is the one table of QC categories and the track
 * kinds each concerns ({@code QcCategory} reads it).
 */
public final class QcItemRules {

    public static final int MAX_ITEMS = 500;
    public static final int MAX_CODE = 50;
    public static final int MAX_NOTE = 2000;

    /** The track kinds, as {@code io.reelflow.inspection.TrackKind} names them. */
    public static final List<String> TRACK_KINDS = List.of("SUBTITLE", "DUB", "AUDIO_DESCRIPTION", "FORCED_NARRATIVE");

    /** Each QC category and the kinds of track an item of it can belong to (none: it concerns the package). */
    private static final Map<String, Set<String>> CATEGORIES = new LinkedHashMap<>();

    static {
        CATEGORIES.put("VIDEO", Set.of());
        CATEGORIES.put("COLOR_HDR_METADATA", Set.of());
        CATEGORIES.put("AUDIO", orderedSet("DUB", "AUDIO_DESCRIPTION"));
        CATEGORIES.put("AUDIO_SYNC", orderedSet("DUB", "AUDIO_DESCRIPTION"));
        CATEGORIES.put("SUBTITLES", Set.of("SUBTITLE"));
        CATEGORIES.put("FORCED_NARRATIVES", Set.of("FORCED_NARRATIVE"));
        CATEGORIES.put("MISSING_ASSET", orderedSet(TRACK_KINDS.toArray(String[]::new)));
        CATEGORIES.put("METADATA", Set.of());
    }

    /** Subtitles and forced narratives exist only as tracks: their items must say which. */
    private static final Set<String> MUST_NAME_TRACK = Set.of("SUBTITLES", "FORCED_NARRATIVES");

    private static final Pattern TIMECODE = Pattern.compile("\\d{2}:\\d{2}:\\d{2}[:;.]\\d{2,3}");

    /** One of the deal's tracks. */
    public record Track(String kind, String language) {
        /** As a person chooses it in Tasklist: {@code DUB fr}. */
        public String label() {
            return kind + " " + language;
        }
    }

    /**
     * One item as entered, every part as text (null: not given). {@code track} is the form's choice
     * ({@code KIND language}); an event gives {@code language} and {@code kind} instead.
     */
    public record Entry(String category, String track, String language, String kind, String code, String timecode, String note) {

        /** A row of the Tasklist form. */
        public static Entry row(String category, String track, String code, String timecode, String note) {
            return new Entry(blankToNull(category), blankToNull(track), null, null, blankToNull(code), blankToNull(timecode), blankToNull(note));
        }

        /** An item of a {@code QC_RESULT} event. */
        public static Entry event(String category, String language, String kind, String code, String timecode, String note) {
            return new Entry(category, null, language, kind, code, timecode, note);
        }

        boolean blank() {
            return category == null && track == null && language == null && kind == null && code == null && timecode == null && note == null;
        }
    }

    /** A checked item. */
    public record Item(String category, String code, String timecode, String note, String language, String kind) {
    }

    /**
     * What is wrong, and where: {@code index} of the item ({@code -1}: the result as a whole), {@code part} of it
     * ({@code category}, {@code track}, {@code language}, {@code kind}, {@code code}, {@code timecode}, {@code note};
     * {@code result} or {@code items} for the whole), and the reason in plain words.
     */
    public record Problem(int index, String part, String message) {
    }

    /** The items read (in order, blank rows left out) and every problem found; nothing counts when there is one. */
    public record Result(String result, List<Item> items, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private QcItemRules() {
    }

    public static Set<String> categories() {
        return CATEGORIES.keySet();
    }

    /** The kinds of track an item of {@code category} can belong to. */
    public static Set<String> trackKinds(String category) {
        Set<String> kinds = CATEGORIES.get(category);
        if (kinds == null) throw new IllegalArgumentException("no QC category " + category);
        return kinds;
    }

    /**
     * A QC result with its items: {@code ACCEPTED} or {@code REJECTED}; a rejection lists at least one item; each item
     * checked against the deal's tracks.
     *
     * @param languageProblem why a language tag is not a well-formed BCP 47 tag, or null when it is
     */
    public static Result check(String result, List<Entry> entries, List<Track> dealTracks, Function<String, String> languageProblem) {
        List<Problem> problems = new ArrayList<>();
        if (result == null || result.isBlank()) {
            problems.add(new Problem(-1, "result", "required: ACCEPTED or REJECTED"));
        } else if (!result.equals("ACCEPTED") && !result.equals("REJECTED")) {
            problems.add(new Problem(-1, "result", "'" + abbreviate(result) + "' is neither ACCEPTED nor REJECTED"));
        }
        List<Item> items = new ArrayList<>();
        List<Entry> given = entries == null ? List.of() : entries;
        if (given.size() > MAX_ITEMS) {
            problems.add(new Problem(-1, "items", "at most " + MAX_ITEMS + " items, got " + given.size()));
        } else {
            for (int i = 0; i < given.size(); i++) {
                Entry e = given.get(i);
                if (e == null || e.blank()) continue; // a row left empty
                Item item = item(i, e, dealTracks, languageProblem, problems);
                if (item != null) items.add(item);
            }
            if ("REJECTED".equals(result) && items.isEmpty() && problems.isEmpty()) {
                problems.add(new Problem(-1, "items", "a rejection lists at least one item"));
            }
        }
        return new Result(result, List.copyOf(items), List.copyOf(problems));
    }

    private static Item item(int i, Entry e, List<Track> dealTracks, Function<String, String> languageProblem, List<Problem> problems) {
        int before = problems.size();
        String category = e.category();
        if (category == null) {
            problems.add(new Problem(i, "category", "choose its category"));
            return null;
        }
        Set<String> kinds = CATEGORIES.get(category);
        if (kinds == null) {
            problems.add(new Problem(i, "category", "'" + abbreviate(category) + "' is not a QC category, one of " + CATEGORIES.keySet()));
            return null;
        }
        List<String> offered = dealTracks.stream().map(Track::label).toList();
        String language = e.language();
        String kind = e.kind();
        if (e.track() != null) {
            String[] parts = e.track().strip().split("\\s+");
            if (parts.length != 2 || !TRACK_KINDS.contains(parts[0])) {
                problems.add(new Problem(i, "track", "'" + abbreviate(e.track()) + "' is not one of this deal's tracks " + offered));
                return null;
            }
            kind = parts[0];
            language = parts[1];
        } else if (kind != null && !TRACK_KINDS.contains(kind)) {
            problems.add(new Problem(i, "kind", "'" + abbreviate(kind) + "' is not a track kind, one of " + TRACK_KINDS));
            return null;
        }
        String trackPart = e.track() != null ? "track" : null;
        if (language != null) {
            String bad = languageProblem.apply(language);
            if (bad != null) {
                problems.add(new Problem(i, trackPart != null ? trackPart : "language", bad));
                return null;
            }
        }
        if (kind != null && !kinds.contains(kind)) {
            problems.add(new Problem(i, trackPart != null ? trackPart : "", category + " is not about a " + kind + " track"
                    + (kinds.isEmpty() ? " (it concerns no track)" : " (it concerns " + kinds + ")")));
        } else if (language == null && kind == null) {
            if (MUST_NAME_TRACK.contains(category)) {
                problems.add(new Problem(i, trackPart != null ? trackPart : "track", category
                        + " must name its track (language and kind), one of the deal's tracks " + offered));
            }
        } else if (!kinds.isEmpty() && !category.equals("MISSING_ASSET")) {
            String k = kind;
            String l = language;
            boolean found = dealTracks.stream().anyMatch(t -> kinds.contains(t.kind()) && (k == null || k.equals(t.kind())) && t.language().equals(l));
            if (!found) {
                problems.add(new Problem(i, trackPart != null ? trackPart : "", "names no track of this deal ("
                        + (kind == null ? "" : kind + " ") + (language == null ? "no language" : language)
                        + "; tags must match exactly); the deal's tracks are " + offered));
            }
        }
        if (e.timecode() != null && !TIMECODE.matcher(e.timecode()).matches()) {
            problems.add(new Problem(i, "timecode", "'" + abbreviate(e.timecode()) + "' is not a timecode (HH:MM:SS:FF)"));
        }
        if (e.code() != null && e.code().length() > MAX_CODE) problems.add(new Problem(i, "code", "at most " + MAX_CODE + " characters"));
        if (e.note() != null && e.note().length() > MAX_NOTE) problems.add(new Problem(i, "note", "at most " + MAX_NOTE + " characters"));
        if (problems.size() > before) return null;
        return new Item(category, e.code(), e.timecode(), e.note(), language, kind);
    }

    private static Set<String> orderedSet(String... values) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(values)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
