package io.reelflow.webhook;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The webhooks section of the API explorer (/v3/api-docs): one entry per event kind with the request Reelflow sends, its
 * headers, a real payload, and what each answer makes of it. Also the verification recipe in the description.
 */
@Configuration(proxyBeanMethods = false)
public class WebhookApiDocs {

    static final String VERIFY = """
            Every request is `POST` with `Content-Type: application/json` and the headers `X-Reelflow-Event-Id` (the event's id: \
            the same id is the same event, whichever attempt brings it), `X-Reelflow-Event-Kind`, `X-Reelflow-Delivery-Attempt`, \
            `X-Reelflow-Timestamp` (Unix seconds of this attempt) and `X-Reelflow-Signature: sha256=<hex>`, the HMAC-SHA256 with the \
            endpoint's secret of `<X-Reelflow-Timestamp>.<body>` (the raw body bytes). To verify: recompute it over the body as \
            received, compare in constant time, refuse a timestamp more than 5 minutes old, and keep the event ids already \
            processed (a delivery whose answer was lost is sent again with the same id). Shell: \
            `printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -hex`. Answer 2xx to take the event; 410 Gone \
            disables the endpoint; anything else (or no answer within 10 s) is tried again after 10 s, 20 s, 40 s… up to an hour \
            between attempts, for at least 24 hours. Events of one deal arrive in the order of their changes (`sequence` grows); \
            the next waits until the one before is taken or given up.""";

    @Bean
    OpenApiCustomizer reelflowWebhooks() {
        return api -> {
            Map<String, PathItem> hooks = new LinkedHashMap<>();
            for (WebhookEventKind kind : WebhookEventKind.values()) hooks.put(kind.wire(), new PathItem().post(operation(kind)));
            if (api.getOpenapi() != null && api.getOpenapi().startsWith("3.1")) {
                hooks.forEach(api::addWebhooks);
            } else {
                api.addExtension("x-webhooks", hooks);
            }
        };
    }

    private static Operation operation(WebhookEventKind kind) {
        Map<String, Object> example = envelope(kind);
        ObjectSchema schema = new ObjectSchema();
        schema.addProperty("id", new StringSchema().format("uuid").description("the event id (also in X-Reelflow-Event-Id)"));
        schema.addProperty("kind", new StringSchema()._enum(List.of(kind.wire())));
        schema.addProperty("occurredAt", new StringSchema().format("date-time").description("when the change was recorded"));
        schema.addProperty("dealRef", new StringSchema().description("the CRM deal id"));
        schema.addProperty("sequence", new io.swagger.v3.oas.models.media.IntegerSchema().format("int64")
                .description("grows with each event; the events of a deal arrive in this order"));
        schema.addProperty("data", new ObjectSchema().description("what changed (see the example)"));
        Operation op = new Operation().operationId("webhook-" + kind.wire().replace('.', '-')).summary(summary(kind))
                .description(VERIFY)
                .requestBody(new RequestBody().required(true).content(new Content().addMediaType("application/json",
                        new MediaType().schema(schema).examples(Map.of(kind.wire(), new Example().value(example))))));
        for (String[] h : new String[][]{
                {WebhookSignature.EVENT_ID_HEADER, "the event id"},
                {WebhookSignature.EVENT_KIND_HEADER, kind.wire()},
                {WebhookSignature.ATTEMPT_HEADER, "1 for the first attempt, then 2, 3…"},
                {WebhookSignature.TIMESTAMP_HEADER, "Unix seconds of this attempt, signed with the body"},
                {WebhookSignature.SIGNATURE_HEADER, "sha256=<hex HMAC-SHA256 of '<timestamp>.<body>' with the endpoint's secret>"}}) {
            op.addParametersItem(new HeaderParameter().name(h[0]).required(true).description(h[1]).schema(new StringSchema()));
        }
        op.responses(new ApiResponses()
                .addApiResponse("2XX", new ApiResponse().description("taken: delivered, never sent again"))
                .addApiResponse("410", new ApiResponse().description("gone: the endpoint is disabled and gets nothing more"))
                .addApiResponse("default", new ApiResponse().description("not taken: tried again with a growing pause for at least 24 hours")));
        return op;
    }

    private static String summary(WebhookEventKind kind) {
        return switch (kind) {
            case DEAL_STATUS_CHANGED -> "A deal moved to another status";
            case DELIVERY_SUBMITTED -> "A title was submitted to Netflix QC";
            case DELIVERY_REJECTED -> "Netflix QC rejected a submission (with the items to fix)";
            case DELIVERY_ACCEPTED -> "Netflix QC accepted a title";
            case RENEWAL_DECIDED -> "A rights manager decided a renewal";
            case WINDOW_STARTED -> "A licence window started";
            case WINDOW_ENDED -> "A licence window ended";
            case INSTALMENT_INVOICED -> "An instalment was invoiced";
            case INSTALMENT_PAID -> "An instalment was paid";
        };
    }

    /** A payload as sent, for the README's deal. */
    static Map<String, Object> envelope(WebhookEventKind kind) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", "6f1c1f0e-2b7a-4a43-9c55-0e4d3b8a9d21");
        e.put("kind", kind.wire());
        e.put("occurredAt", "2027-01-01T00:00:03.125Z");
        e.put("dealRef", "NFX-2026-0101");
        e.put("sequence", 1842);
        e.put("data", data(kind));
        return e;
    }

    private static Map<String, Object> data(WebhookEventKind kind) {
        Map<String, Object> d = new LinkedHashMap<>();
        switch (kind) {
            case DEAL_STATUS_CHANGED -> {
                d.put("status", "GRANTED");
                d.put("previousStatus", "RECEIVED");
                d.put("reason", "GRANTED");
                d.put("detail", "42 grants recorded");
            }
            case DELIVERY_SUBMITTED, DELIVERY_ACCEPTED, DELIVERY_REJECTED -> {
                d.put("deliveryId", 17);
                d.put("titleId", 1);
                d.put("titleName", "The Last Lighthouse");
                d.put("stage", kind == WebhookEventKind.DELIVERY_SUBMITTED ? "SUBMITTED" : kind == WebhookEventKind.DELIVERY_ACCEPTED ? "ACCEPTED" : "REJECTED");
                d.put("attempt", 1);
                d.put("rejections", kind == WebhookEventKind.DELIVERY_REJECTED ? 1 : 0);
                if (kind == WebhookEventKind.DELIVERY_REJECTED) {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("category", "AUDIO_SYNC");
                    item.put("code", "A-SYNC-02");
                    item.put("timecode", "01:12:04:10");
                    item.put("note", "dialogue 3 frames late after the reel change");
                    item.put("language", "fr");
                    item.put("routedTo", "track vendor (DUB fr)");
                    d.put("items", List.of(item));
                }
            }
            case RENEWAL_DECIDED -> {
                d.put("windowStart", "2027-01-01");
                d.put("windowEnd", "2029-12-31");
                d.put("decision", "RENEW");
                d.put("detail", "renewed until 2029-12-31 (Netflix keeps it two more years)");
                d.put("decidedBy", "rita");
            }
            case WINDOW_STARTED, WINDOW_ENDED -> {
                d.put("windowStart", "2027-01-01");
                d.put("windowEnd", "2028-12-31");
            }
            case INSTALMENT_INVOICED, INSTALMENT_PAID -> {
                d.put("instalment", 1);
                d.put("kind", "LICENCE_FEE");
                d.put("amount", new java.math.BigDecimal("360000.00"));
                d.put("currency", "EUR");
                d.put("dueOn", "2026-12-31");
                d.put("invoiceNumber", "INV-2026-0412");
                d.put("invoicedOn", "2026-12-01");
                if (kind == WebhookEventKind.INSTALMENT_PAID) {
                    d.put("paidAmount", new java.math.BigDecimal("360000.00"));
                    d.put("paidCurrency", "EUR");
                    d.put("paidOn", "2026-12-28");
                    d.put("bankReference", "SEPA-20261228-7731");
                }
                d.put("status", kind == WebhookEventKind.INSTALMENT_PAID ? "PAID" : "INVOICED");
            }
        }
        return d;
    }
}
