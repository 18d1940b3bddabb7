package io.reelflow.delivery;

import io.reelflow.delivery.rules.QcItemRules;
import io.reelflow.inspection.TrackKind;
import io.reelflow.inspection.Bcp47;
import io.reelflow.platform.web.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Netflix QC results as they come in, the {@code QC_RESULT} event and the Tasklist form's list of rows, checked by
 * the one set of rules ({@link QcItemRules}); each problem named where the sender looks: {@code items[1]} or
 * {@code items[1].language} in an event, the row's field ({@code qcItems[1].track}) in the form.
 */
final class QcItems {

    /** The form's dynamic list: one row per rejected item, each with these fields. */
    static final String FORM_LIST = "qcItems";
    static final List<String> ROW_FIELDS = List.of("category", "track", "code", "timecode", "note");

    private QcItems() {
    }

    static List<QcItemRules.Track> tracks(List<DeliveryService.Track> tracks) {
        return tracks.stream().map(t -> new QcItemRules.Track(t.kind().name(), t.language())).toList();
    }

    /** The items of a {@code QC_RESULT} event: the problems, each on {@code result}, {@code items} or the item's part. */
    static List<FieldProblem> checkEvent(DeliveryEventRequest e, List<DeliveryService.Track> tracks) {
        List<QcItemRules.Entry> entries = new ArrayList<>();
        if (e.items() != null) {
            for (DeliveryEventRequest.QcItem i : e.items()) {
                entries.add(i == null ? null : QcItemRules.Entry.event(i.category() == null ? null : i.category().name(), i.language(),
                        i.kind() == null ? null : i.kind().name(), i.code(), i.timecode(), i.note()));
            }
        }
        QcItemRules.Result r = QcItemRules.check(e.result() == null ? null : e.result().name(), entries, tracks(tracks), Bcp47::problem);
        return r.problems().stream().map(p -> new FieldProblem(eventField(p), p.message())).toList();
    }

    private static String eventField(QcItemRules.Problem p) {
        if (p.index() < 0) return p.part();
        String item = "items[" + p.index() + "]";
        return p.part().isEmpty() || p.part().equals("track") ? item : item + "." + p.part();
    }

    /** The form's result and rows, checked; the problems each on the form's field ({@code qcResult}, a row's field). */
    static QcItemRules.Result checkForm(String result, List<Map<String, Object>> rows, List<DeliveryService.Track> tracks, List<FieldProblem> problems) {
        List<QcItemRules.Entry> entries = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            entries.add(QcItemRules.Entry.row(text(row, "category"), text(row, "track"), text(row, "code"), text(row, "timecode"), text(row, "note")));
        }
        // an accepted result carries no items (the form hides the rows)
        QcItemRules.Result r = QcItemRules.check(result, "REJECTED".equals(result) ? entries : List.of(), tracks(tracks), Bcp47::problem);
        for (QcItemRules.Problem p : r.problems()) problems.add(new FieldProblem(formField(p), p.message()));
        return r;
    }

    private static String formField(QcItemRules.Problem p) {
        if (p.index() < 0) return p.part().equals("result") ? "qcResult" : FORM_LIST;
        String part = switch (p.part()) {
            case "category", "code", "timecode", "note" -> p.part();
            default -> "track"; // the track, its language or kind: one field in the form
        };
        return FORM_LIST + "[" + p.index() + "]." + part;
    }

    /** A checked item as the inbox records it. */
    static Map<String, Object> payload(QcItemRules.Item p) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("category", p.category());
        if (p.code() != null) item.put("code", p.code());
        if (p.timecode() != null) item.put("timecode", p.timecode());
        if (p.note() != null) item.put("note", p.note());
        if (p.language() != null) item.put("language", p.language());
        if (p.kind() != null) item.put("kind", TrackKind.valueOf(p.kind()).name());
        return item;
    }

    private static String text(Map<String, Object> row, String key) {
        Object v = row == null ? null : row.get(key);
        return v == null ? null : String.valueOf(v);
    }
}
