package io.reelflow.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelflow.delivery.rules.QcItemRules;
import io.reelflow.platform.web.FieldProblem;
import io.reelflow.platform.web.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * {@code ${recordQcReceived}}, the complete listener of "Record Netflix QC result" ({@code awaitQc}): when a
 * coordinator copies the result from Backlot instead of the integration reporting it, the result and its rows
 * ({@code qcItems}, a list: category, track chosen from the deal's own, code, timecode, note) are checked by the same
 * rules as the {@code QC_RESULT} event and kept in the inbox like one. A refusal names the row's field
 * ({@code qcItems[0].track}) and records nothing.
 */
@Component("recordQcReceived")
class RecordQcReceivedListener implements TaskListener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventInbox inbox;
    private final ProcessDelivery processDelivery;
    private final DeliveryService deliveries;

    RecordQcReceivedListener(EventInbox inbox, ProcessDelivery processDelivery, DeliveryService deliveries) {
        this.inbox = inbox;
        this.processDelivery = processDelivery;
        this.deliveries = deliveries;
    }

    @Override
    public void notify(DelegateTask task) {
        if (WaitTaskListeners.byEvent(task)) return; // completed by the event itself
        Object given = task.getVariable(NetflixDeliveryVariables.QC_RESULT.name());
        String result = given == null || given.toString().isBlank() ? null : given.toString().strip();
        long deliveryId = processDelivery.deliveryId(task);
        List<FieldProblem> problems = new ArrayList<>();
        QcItemRules.Result checked = QcItems.checkForm(result, rows(task), deliveries.tracks(deliveryId), problems);
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        List<Map<String, Object>> items = checked.items().stream().map(QcItems::payload).toList();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "QC_RESULT");
        payload.put("result", result);
        payload.put("items", items);
        payload.put("enteredBy", String.valueOf(task.getAssignee()));
        NetflixDeliveryVariables.QC_EVENT_ID.set(task,
                inbox.recordEntered(deliveryId, DeliveryEventRequest.Type.QC_RESULT, null, payload, task.getId()));
        // the items are the event's record now: the rows are not kept in the process
        task.getExecution().removeVariable(QcItems.FORM_LIST);
        task.removeVariableLocal(QcItems.FORM_LIST);
    }

    /** The form's rows as submitted: a JSON list of objects (Tasklist sends it as a Json variable), or none. */
    static List<Map<String, Object>> rows(DelegateTask task) {
        TypedValue value = task.getVariableTyped(QcItems.FORM_LIST, false);
        if (value == null) return List.of();
        String json;
        try {
            if (value instanceof SerializableValue s && !s.isDeserialized()) json = s.getValueSerialized();
            else if (value.getValue() == null) return List.of();
            else if (value.getValue() instanceof List<?> || value.getValue() instanceof Map<?, ?>) json = JSON.writeValueAsString(value.getValue());
            else json = value.getValue().toString(); // a JSON node (Spin) prints as JSON
            if (json == null || json.isBlank()) return List.of();
            List<Map<String, Object>> rows = JSON.readValue(json, new TypeReference<List<Map<String, Object>>>() { });
            return rows == null ? List.of() : rows;
        } catch (JsonProcessingException | ClassCastException e) {
            throw new InvalidInputException(QcItems.FORM_LIST, "expected a list of rows (category, track, code, timecode, note)");
        }
    }
}
