package io.reelflow.deal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelflow.webhook.Outbox;
import io.reelflow.webhook.WebhookEventKind;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What the CRM hears of a deal, derived from the deal's event trail as it is written ({@link DealRecords#event}), in the
 * same transaction: a change of status (compared with the last status told), the window's start and end, a renewal
 * decision. The deal is read from the persistence context, so a status set in this transaction and not yet flushed
 * counts. Money (a renewal's new fee) is never in these events.
 */
@Component
class DealWebhookEvents {

    /** Deal event kinds after which the status may have changed. */
    private static final Set<String> STATUS_KINDS = Set.of("RECEIVED", "GRANTED", "CONFLICTS", "IN_WINDOW", "CLOSED", "WITHDRAWN", "HISTORICAL");
    private static final Map<String, String> RENEWAL_DECISIONS = Map.of("RENEWED", "RENEW", "LET_EXPIRE", "LET_EXPIRE", "RELICENSE", "RELICENSE");

    @PersistenceContext
    private EntityManager entities;
    private final Outbox outbox;
    private final ObjectMapper json;

    DealWebhookEvents(Outbox outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    void recorded(long dealId, String kind, String detail, String actor) {
        boolean status = STATUS_KINDS.contains(kind);
        String decision = RENEWAL_DECISIONS.get(kind);
        if (!status && decision == null) return;
        Deal d = entities.find(Deal.class, dealId);
        if (d == null) throw new IllegalStateException("deal " + dealId + " does not exist");
        String dealRef = d.getCrmDealId();
        if (status && outbox.wanted(WebhookEventKind.DEAL_STATUS_CHANGED)) {
            String previous = outbox.latestPayload(WebhookEventKind.DEAL_STATUS_CHANGED, dealRef).map(this::statusOf).orElse(null);
            String now = d.getStatus().name();
            if (!now.equals(previous)) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("status", now);
                data.put("previousStatus", previous);
                data.put("reason", kind);
                data.put("detail", detail);
                outbox.publish(WebhookEventKind.DEAL_STATUS_CHANGED, dealRef, data);
            }
        }
        if (kind.equals("IN_WINDOW")) {
            outbox.publish(WebhookEventKind.WINDOW_STARTED, dealRef, window(d));
        } else if (kind.equals("CLOSED")) {
            outbox.publish(WebhookEventKind.WINDOW_ENDED, dealRef, window(d));
        } else if (decision != null) {
            Map<String, Object> data = window(d);
            data.put("decision", decision);
            data.put("detail", detail);
            data.put("decidedBy", actor);
            outbox.publish(WebhookEventKind.RENEWAL_DECIDED, dealRef, data);
        }
    }

    private static Map<String, Object> window(Deal d) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("windowStart", d.getWindowStart().toString());
        data.put("windowEnd", d.getWindowEnd() == null ? null : d.getWindowEnd().toString());
        return data;
    }

    private String statusOf(String payload) {
        try {
            return json.readTree(payload).path("status").asText(null);
        } catch (IOException e) {
            return null;
        }
    }
}
