package io.reelflow.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.reelflow.platform.web.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The tasks that wait for a post house, a vendor or Netflix complete in two ways: by the event over
 * REST (the inbox completes them), or by a coordinator entering the same outcome in Tasklist when
 * there is no integration. These listeners turn a coordinator's entry into the same inbox record.
 */
final class WaitTaskListeners {

    private WaitTaskListeners() {
    }

    static boolean byEvent(DelegateTask task) {
        return task.getVariableLocal(EventInbox.VIA_INBOX) != null;
    }

    /**
     * {@code ${recordQcResult}}'s manual twin, {@code ${recordQcReceived}}: one rejected item per line,
     * {@code CATEGORY | code | timecode | note | language | kind} (only the category is required).
     */
    @Component("recordQcReceived")
    static class QcReceived implements TaskListener {
        private final EventInbox inbox;
        private final ProcessDelivery processDelivery;
        private final DeliveryService deliveries;

        QcReceived(EventInbox inbox, ProcessDelivery processDelivery, DeliveryService deliveries) {
            this.inbox = inbox;
            this.processDelivery = processDelivery;
            this.deliveries = deliveries;
        }

        @Override
        public void notify(DelegateTask task) {
            if (byEvent(task)) return;
            String result = DeliveryDelegates.required(task, NetflixDeliveryVariables.QC_RESULT.name(), "ACCEPTED or REJECTED");
            if (!result.equals("ACCEPTED") && !result.equals("REJECTED")) {
                throw new InvalidInputException("qcResult", "'" + result + "' is neither ACCEPTED nor REJECTED");
            }
            List<Map<String, Object>> items = new ArrayList<>();
            String lines = DeliveryDelegates.optional(task, NetflixDeliveryVariables.QC_ITEMS.name());
            if (result.equals("REJECTED")) {
                // one parser and one check for the Tasklist entry and the QC_RESULT event: the rows first, then the lines
                long deliveryId = processDelivery.deliveryId(task);
                List<DeliveryService.Track> tracks = deliveries.tracks(deliveryId);
                List<io.reelflow.platform.web.FieldProblem> problems = new ArrayList<>();
                List<DeliveryEventRequest.QcItem> parsed = new ArrayList<>();
                for (int n = 1; n <= QcItems.ROWS; n++) {
                    String row = "qcItem" + n;
                    QcItems.Row r = new QcItems.Row(n, DeliveryDelegates.optional(task, row + "Category"), DeliveryDelegates.optional(task, row + "Track"),
                            DeliveryDelegates.optional(task, row + "Code"), DeliveryDelegates.optional(task, row + "Timecode"),
                            DeliveryDelegates.optional(task, row + "Note"));
                    QcItems.parseRow(r, problems).ifPresent(item -> {
                        problems.addAll(QcItems.check(List.of(item), tracks, row + "Track", i -> "item " + r.number(), false));
                        parsed.add(item);
                    });
                }
                List<DeliveryEventRequest.QcItem> fromLines = QcItems.parseLines(lines);
                problems.addAll(QcItems.check(fromLines, tracks, "qcItems", i -> "item " + (i + 1), false));
                parsed.addAll(fromLines);
                if (!problems.isEmpty()) throw new InvalidInputException(problems);
                if (parsed.isEmpty()) throw new InvalidInputException("qcItem1Category", "a rejection lists at least one item");
                for (DeliveryEventRequest.QcItem p : parsed) {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("category", p.category().name());
                    if (p.code() != null) item.put("code", p.code());
                    if (p.timecode() != null) item.put("timecode", p.timecode());
                    if (p.note() != null) item.put("note", p.note());
                    if (p.language() != null) item.put("language", p.language());
                    if (p.kind() != null) item.put("kind", p.kind().name());
                    items.add(item);
                }
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("type", "QC_RESULT");
            payload.put("result", result);
            payload.put("items", items);
            payload.put("enteredBy", String.valueOf(task.getAssignee()));
            NetflixDeliveryVariables.QC_EVENT_ID.set(task,
                    inbox.recordEntered(processDelivery.deliveryId(task), DeliveryEventRequest.Type.QC_RESULT, null, payload, task.getId()));
            // the items are the event's record now: the rows are not kept in the process
            for (int n = 1; n <= QcItems.ROWS; n++) {
                for (String part : List.of("Category", "Track", "Code", "Timecode", "Note")) {
                    task.getExecution().removeVariable("qcItem" + n + part);
                    task.removeVariableLocal("qcItem" + n + part);
                }
            }
        }
    }
}
