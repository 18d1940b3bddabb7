package io.reelflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelflow.inspection.TrackKind;
import io.reelflow.platform.web.FieldProblem;
import io.reelflow.platform.web.InvalidInputException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One reading and one check of QC items for Tasklist and the QC_RESULT event: a track named must be the deal's own, exactly. */
class QcItemsTest {

    private static final List<DeliveryService.Track> TRACKS = List.of(
            new DeliveryService.Track(1, 9, TrackKind.DUB, "fr", "ACCEPTED", "V", null, null, 1),
            new DeliveryService.Track(2, 9, TrackKind.SUBTITLE, "pt-BR", "ACCEPTED", "V", null, null, 1),
            new DeliveryService.Track(3, 9, TrackKind.AUDIO_DESCRIPTION, "en", "ACCEPTED", "V", null, null, 1));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            AUDIO_SYNC | AUD-7 | 00:41:10:02 | drifts | fr | DUB        ;
            AUDIO_SYNC | AUD-7 | 00:41:10:02 | drifts | fr              ;
            AUDIO | A-1 | | original mix clipping                        ;
            SUBTITLES | S-1 | | | pt-BR | SUBTITLE                      ;
            VIDEO | V-1 | 00:00:01:00 | banding                          ;
            MISSING_ASSET | | | | en | AUDIO_DESCRIPTION                ;
            MISSING_ASSET | | | | fr | FORCED_NARRATIVE                 ;
            AUDIO_SYNC | AUD-7 | | | fr-FR | DUB                         ; item 1: names no track of this deal (DUB fr-FR
            SUBTITLES | S-1 | | | pt | SUBTITLE                         ; item 1: names no track of this deal (SUBTITLE pt;
            SUBTITLES | S-1 | | typo                                     ; item 1: SUBTITLES must name its track
            SUBTITLES | S-1 | | | fr | DUB                              ; item 1: SUBTITLES is not about a DUB track
            AUDIO_SYNC | A | | | de                                      ; item 1: names no track of this deal (de;
            """)
    void itemsNameTheDealsOwnTracks(String line, String problem) {
        List<FieldProblem> problems = QcItems.check(QcItems.parseLines(line), TRACKS, "qcItems", i -> "item " + (i + 1), false);
        if (problem == null) {
            assertThat(problems).isEmpty();
        } else {
            assertThat(problems).hasSize(1);
            assertThat(problems.get(0).field()).isEqualTo("qcItems");
            assertThat(problems.get(0).reason()).startsWith(problem);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            SMELLY | x                    ; line 1: 'SMELLY' is not a QC category
            AUDIO | a | | | fr | TRUMPET  ; line 1: 'TRUMPET' is not a track kind
            """)
    void unreadableLinesAreRefusedByLine(String line, String problem) {
        assertThatThrownBy(() -> QcItems.parseLines(line)).isInstanceOf(InvalidInputException.class).hasMessageContaining(problem);
    }

    @org.junit.jupiter.api.Test
    void anEventItemIsNamedByItsIndex() {
        List<DeliveryEventRequest.QcItem> items = List.of(new DeliveryEventRequest.QcItem(QcCategory.VIDEO, null, null, null, null, null),
                new DeliveryEventRequest.QcItem(QcCategory.AUDIO_SYNC, "A", null, null, "fr-FR", TrackKind.DUB));
        List<FieldProblem> problems = QcItems.check(items, TRACKS, "items", i -> "items[" + i + "]", true);
        assertThat(problems).extracting(FieldProblem::field).containsExactly("items[1]");
    }
}
