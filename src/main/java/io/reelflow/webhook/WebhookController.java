package io.reelflow.webhook;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admins only ({@code /api/admin/**}): the endpoints that hear of deals, deliveries, windows and instalments, and what was sent. */
@RestController
@RequestMapping("/api/admin/webhooks")
@Tag(name = "Webhooks", description = "Outbound events: endpoints registered by admins, and the log of every delivery attempt (admins only). "
        + "The payloads are documented under 'webhooks'.")
public class WebhookController {

    private final WebhookSubscriptions subscriptions;

    public WebhookController(WebhookSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    /**
     * An endpoint to register.
     *
     * @param url         http:// or https://, without a user or password
     * @param secret      32 to 256 visible ASCII characters: the HMAC-SHA256 key of X-Reelflow-Signature
     * @param eventKinds  what the endpoint hears about (deal.status_changed, delivery.submitted, …)
     * @param description what it is, for admins (optional, at most 200 characters)
     */
    public record SubscriptionRequest(String url, String secret, List<String> eventKinds, String description) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register a webhook endpoint",
            description = "From now on every event of the kinds named is sent to the URL as signed JSON (see 'webhooks'). The secret is "
                    + "stored to sign the requests and never shown again. Event kinds: " + "deal.status_changed, delivery.submitted, "
                    + "delivery.rejected, delivery.accepted, renewal.decided, window.started, window.ended, instalment.invoiced, instalment.paid.")
    @ApiResponse(responseCode = "201", description = "registered (the secret is not in the answer)")
    public ResponseEntity<WebhookSubscriptions.SubscriptionView> register(@RequestBody SubscriptionRequest request, Principal admin) {
        var view = subscriptions.register(request.url(), request.secret(), request.eventKinds(), request.description(), admin.getName());
        return ResponseEntity.created(URI.create("/api/admin/webhooks/" + view.id())).body(view);
    }

    @GetMapping
    @Operation(summary = "List webhook endpoints (never their secrets)")
    public List<WebhookSubscriptions.SubscriptionView> list() {
        return subscriptions.list();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One webhook endpoint (never its secret)")
    public WebhookSubscriptions.SubscriptionView one(@PathVariable long id) {
        return subscriptions.find(id);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Disable a webhook endpoint", description = "It gets nothing more; what was still waiting for it is cancelled. "
            + "Its delivery log stays. An endpoint that answers 410 Gone is disabled the same way.")
    @ApiResponse(responseCode = "200", description = "disabled")
    public WebhookSubscriptions.SubscriptionView disable(@PathVariable long id, Principal admin) {
        return subscriptions.disable(id, "disabled by " + admin.getName());
    }

    @GetMapping("/{id}/deliveries")
    @Operation(summary = "What was sent to an endpoint, with every attempt",
            description = "Newest first. status: PENDING (waiting or being retried: nextAttemptAt), DELIVERED (a 2xx answer), FAILED (given up "
                    + "after retrying for at least 24 hours), CANCELLED (the endpoint was disabled). Each attempt with its time, the HTTP "
                    + "status (none when nothing answered), the error and how long it took.")
    public List<WebhookSubscriptions.DeliveryView> deliveries(@PathVariable long id, @RequestParam(required = false) String dealRef,
                                                              @RequestParam(required = false) String status,
                                                              @RequestParam(required = false) Integer limit) {
        return subscriptions.deliveries(id, dealRef, status, limit);
    }
}
