package io.reelflow.delivery.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The QC-item rules on their own, as tables: a Tasklist row and an event item each against one deal's tracks. */
class QcItemRulesTest {

    private static final List<QcItemRules.Track> TRACKS = List.of(new QcItemRules.Track("DUB", "fr"), new QcItemRules.Track("SUBTITLE", "pt-BR"),
            new QcItemRules.Track("AUDIO_DESCRIPTION", "en"));
    /** A stand-in for the service's BCP 47 check: enough to tell a tag from a mistake. */
    private static final Function<String, String> TAGS = tag -> tag.matches("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*") ? null : "'" + tag + "' is not a BCP 47 tag";

    @ParameterizedTest(name = "row {0} | {1} | {2} | {3} | {4} → {5} {6}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            AUDIO_SYNC        | DUB fr               | AUD-7 | 00:41:10:02  | drifts  | -        | -
            AUDIO             | -                    | A-1   | -            | clipping| -        | -
            AUDIO             | AUDIO_DESCRIPTION en | A-2   | 00:00:01;00  | -       | -        | -
            SUBTITLES         | SUBTITLE pt-BR       | S-1   | 00:00:01.000 | -       | -        | -
            VIDEO             | -                    | V-1   | 00:00:01:00  | banding | -        | -
            MISSING_ASSET     | FORCED_NARRATIVE fr  | -     | -            | -       | -        | -
            METADATA          | -                    | M-1   | -            | synopsis| -        | -
            AUDIO_SYNC        | DUB fr-FR            | AUD-7 | -            | -       | track    | names no track of this deal (DUB fr-FR; tags must match exactly); the deal's tracks are [DUB fr, SUBTITLE pt-BR, AUDIO_DESCRIPTION en]
            SUBTITLES         | SUBTITLE pt          | S-1   | -            | -       | track    | names no track of this deal (SUBTITLE pt;
            SUBTITLES         | -                    | S-1   | -            | typo    | track    | SUBTITLES must name its track (language and kind)
            FORCED_NARRATIVES | -                    | -     | -            | -       | track    | FORCED_NARRATIVES must name its track
            SUBTITLES         | DUB fr               | S-1   | -            | -       | track    | SUBTITLES is not about a DUB track (it concerns [SUBTITLE])
            AUDIO_SYNC        | SUBTITLE pt-BR       | -     | -            | -       | track    | AUDIO_SYNC is not about a SUBTITLE track (it concerns [DUB, AUDIO_DESCRIPTION])
            VIDEO             | DUB fr               | -     | -            | -       | track    | VIDEO is not about a DUB track (it concerns no track)
            AUDIO             | TRUMPET fr           | -     | -            | -       | track    | 'TRUMPET fr' is not one of this deal's tracks
            AUDIO             | DUB                  | -     | -            | -       | track    | 'DUB' is not one of this deal's tracks
            AUDIO             | DUB fr_FR            | -     | -            | -       | track    | 'fr_FR' is not a BCP 47 tag
            SMELLY            | -                    | -     | -            | -       | category | 'SMELLY' is not a QC category, one of [VIDEO, COLOR_HDR_METADATA, AUDIO
            -                 | DUB fr               | -     | -            | -       | category | choose its category
            VIDEO             | -                    | -     | 1:02         | -       | timecode | '1:02' is not a timecode (HH:MM:SS:FF)
            VIDEO             | -                    | -     | 01:02:03     | -       | timecode | '01:02:03' is not a timecode
            """)
    void aRowNamesOneOfTheDealsOwnTracks(String category, String track, String code, String timecode, String note, String part, String problem) {
        QcItemRules.Result r = QcItemRules.check("REJECTED", List.of(QcItemRules.Entry.row(category, track, code, timecode, note)), TRACKS, TAGS);
        if (problem == null) {
            assertThat(r.problems()).isEmpty();
            assertThat(r.items()).hasSize(1);
            assertThat(r.items().get(0).category()).isEqualTo(category);
        } else {
            assertThat(r.problems()).hasSize(1);
            assertThat(r.problems().get(0).index()).isZero();
            assertThat(r.problems().get(0).part()).isEqualTo(part);
            assertThat(r.problems().get(0).message()).startsWith(problem);
            assertThat(r.items()).isEmpty();
        }
    }

    @ParameterizedTest(name = "event {0} {1} {2} → {3} {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            AUDIO_SYNC        | fr     | DUB              | -        | -
            AUDIO_SYNC        | fr     | -                | -        | -
            AUDIO_SYNC        | -      | -                | -        | -
            MISSING_ASSET     | de     | SUBTITLE         | -        | -
            COLOR_HDR_METADATA| de     | -                | -        | -
            AUDIO_SYNC        | fr-FR  | DUB              | ''       | names no track of this deal (DUB fr-FR
            AUDIO_SYNC        | de     | -                | ''       | names no track of this deal (de;
            SUBTITLES         | -      | -                | track    | SUBTITLES must name its track
            SUBTITLES         | fr     | DUB              | ''       | SUBTITLES is not about a DUB track
            AUDIO             | fr_FR  | DUB              | language | 'fr_FR' is not a BCP 47 tag
            AUDIO             | fr     | TRUMPET          | kind     | 'TRUMPET' is not a track kind
            """)
    void anEventItemIsCheckedTheSameWay(String category, String language, String kind, String part, String problem) {
        QcItemRules.Result r = QcItemRules.check("REJECTED", List.of(QcItemRules.Entry.event(category, language, kind, null, null, null)), TRACKS, TAGS);
        if (problem == null) {
            assertThat(r.problems()).isEmpty();
            assertThat(r.items()).extracting(QcItemRules.Item::language).containsExactly(language);
        } else {
            assertThat(r.problems()).extracting(QcItemRules.Problem::part).containsExactly(part);
            assertThat(r.problems().get(0).message()).startsWith(problem);
        }
    }

    @ParameterizedTest(name = "result {0} with {1} items → {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            ACCEPTED | 0 | -
            ACCEPTED | 1 | -
            REJECTED | 1 | -
            REJECTED | 0 | items: a rejection lists at least one item
            -        | 0 | result: required: ACCEPTED or REJECTED
            MAYBE    | 0 | result: 'MAYBE' is neither ACCEPTED nor REJECTED
            REJECTED | 501 | items: at most 500 items, got 501
            """)
    void aResultIsAcceptedOrARejectionWithItems(String result, int count, String problem) {
        List<QcItemRules.Entry> entries = new ArrayList<>(Collections.nCopies(count, QcItemRules.Entry.row("VIDEO", null, null, null, null)));
        QcItemRules.Result r = QcItemRules.check(result, entries, TRACKS, TAGS);
        if (problem == null) {
            assertThat(r.problems()).isEmpty();
            assertThat(r.items()).hasSize(count);
        } else {
            assertThat(r.problems()).extracting(p -> p.part() + ": " + p.message()).containsExactly(problem);
            assertThat(r.problems().get(0).index()).isEqualTo(-1);
        }
    }

    @Test
    void blankRowsAreLeftOutAndEveryProblemIsNamedByItsRow() {
        QcItemRules.Result r = QcItemRules.check("REJECTED", List.of(
                QcItemRules.Entry.row("VIDEO", null, "V-1", null, null),
                QcItemRules.Entry.row(" ", "", null, "", ""),
                QcItemRules.Entry.row("AUDIO", "SUBTITLE pt-BR", null, "7", "x".repeat(2001))), TRACKS, TAGS);
        assertThat(r.problems()).extracting(p -> p.index() + " " + p.part()).containsExactly("2 track", "2 timecode", "2 note");
        assertThat(r.ok()).isFalse(); // the glue records nothing unless the whole result is clean
        QcItemRules.Result clean = QcItemRules.check("REJECTED", List.of(QcItemRules.Entry.row("VIDEO", null, "V-1", null, null),
                QcItemRules.Entry.row(null, null, null, null, null)), TRACKS, TAGS);
        assertThat(clean.ok()).isTrue();
        assertThat(clean.items()).containsExactly(new QcItemRules.Item("VIDEO", "V-1", null, null, null, null));
    }

    @Test
    void theCategoriesAndKindsAreTheOnesTheServiceKnows() {
        assertThat(QcItemRules.categories()).containsExactly("VIDEO", "COLOR_HDR_METADATA", "AUDIO", "AUDIO_SYNC", "SUBTITLES", "FORCED_NARRATIVES",
                "MISSING_ASSET", "METADATA");
        assertThat(QcItemRules.trackKinds("MISSING_ASSET")).containsExactlyElementsOf(QcItemRules.TRACK_KINDS);
    }
}
