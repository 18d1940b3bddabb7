package io.reelflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.inspection.TrackKind;
import io.reelflow.platform.web.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The QC rules' problems named where each sender looks: the event's item, the form's row field. */
class QcItemsTest {

    private static final List<DeliveryService.Track> TRACKS = List.of(
            new DeliveryService.Track(1, 9, TrackKind.DUB, "fr", "ACCEPTED", "V", null, null, 1),
            new DeliveryService.Track(2, 9, TrackKind.SUBTITLE, "pt-BR", "ACCEPTED", "V", null, null, 1));

    @Test
    void anEventItemIsNamedByItsIndexAndPart() {
        DeliveryEventRequest e = new DeliveryEventRequest("qc-1", DeliveryEventRequest.Type.QC_RESULT, null, null, null, null, null,
                DeliveryEventRequest.QcResult.REJECTED, List.of(
                new DeliveryEventRequest.QcItem(QcCategory.VIDEO, null, null, null, null, null),
                new DeliveryEventRequest.QcItem(QcCategory.AUDIO_SYNC, "A", null, null, "fr-FR", TrackKind.DUB),
                new DeliveryEventRequest.QcItem(QcCategory.AUDIO, "A", "41:10", null, "fr_FR", TrackKind.DUB)));
        assertThat(QcItems.checkEvent(e, TRACKS)).extracting(FieldProblem::field).containsExactly("items[1]", "items[2].language");
    }

    @Test
    void aFormRowsProblemIsOnTheRowsField() {
        List<FieldProblem> problems = new ArrayList<>();
        QcItems.checkForm("REJECTED", List.of(row("AUDIO_SYNC", "SUBTITLE pt-BR", "00:00:01:00"), row("VIDEO", null, "1:02")), TRACKS, problems);
        assertThat(problems).extracting(p -> p.field() + ": " + p.reason()).containsExactly(
                "qcItems[0].track: AUDIO_SYNC is not about a SUBTITLE track (it concerns [DUB, AUDIO_DESCRIPTION])",
                "qcItems[1].timecode: '1:02' is not a timecode (HH:MM:SS:FF)");
        problems.clear();
        QcItems.checkForm("REJECTED", List.of(), TRACKS, problems);
        assertThat(problems).extracting(FieldProblem::field).containsExactly("qcItems");
        problems.clear();
        // an accepted result carries no items: rows left over from before are not checked
        assertThat(QcItems.checkForm("ACCEPTED", List.of(row("SMELLY", null, null)), TRACKS, problems).items()).isEmpty();
        assertThat(problems).isEmpty();
    }

    private static Map<String, Object> row(String category, String track, String timecode) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("category", category);
        row.put("track", track);
        row.put("code", "");
        row.put("timecode", timecode);
        row.put("note", null);
        return row;
    }
}
