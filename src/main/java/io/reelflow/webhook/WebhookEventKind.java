package io.reelflow.webhook;

import java.util.Arrays;
import java.util.Optional;

/** What a subscriber may ask to hear about; {@link #wire()} is the name in subscriptions and payloads. */
public enum WebhookEventKind {
    /** a deal moved to another status (RECEIVED, CONFLICT, GRANTED, IN_WINDOW, CLOSED, WITHDRAWN) */
    DEAL_STATUS_CHANGED("deal.status_changed"),
    /** a title's package was uploaded to Netflix for QC (submission n) */
    DELIVERY_SUBMITTED("delivery.submitted"),
    /** Netflix QC rejected a submission; the items say what to fix */
    DELIVERY_REJECTED("delivery.rejected"),
    /** Netflix QC accepted the title */
    DELIVERY_ACCEPTED("delivery.accepted"),
    /** a rights manager decided the renewal: RENEW (with the new last day), LET_EXPIRE or RELICENSE */
    RENEWAL_DECIDED("renewal.decided"),
    /** the licence window started */
    WINDOW_STARTED("window.started"),
    /** the licence window ended; the rights are back in the avails */
    WINDOW_ENDED("window.ended"),
    /** finance recorded the invoice of an instalment */
    INSTALMENT_INVOICED("instalment.invoiced"),
    /** finance recorded the payment of an instalment */
    INSTALMENT_PAID("instalment.paid");

    private final String wire;

    WebhookEventKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<WebhookEventKind> ofWire(String name) {
        return Arrays.stream(values()).filter(k -> k.wire.equals(name)).findFirst();
    }

    public static String allWireNames() {
        return String.join(", ", Arrays.stream(values()).map(WebhookEventKind::wire).toList());
    }
}
