package io.reelflow.royalty.rules;

import java.time.LocalDate;

/**
 * Money received from a licensee (e.g. a Netflix instalment) for a title of the licensor.
 *
 * @param id unique receipt reference
 * @param dealRef the outbound deal the money comes from
 * @param titleRef the title it pays for
 * @param receivedOn value date; decides the statement period
 * @param gross amount received, positive, in any currency
 * @param fxRate rate to the agreement currency when {@code gross} is in another currency, otherwise null
 */
public record Receipt(String id, String dealRef, String titleRef, LocalDate receivedOn, Money gross, FxRate fxRate) {

    public Receipt {
        Checks.requiredText(id, "Receipt.id");
        Checks.requiredText(dealRef, "Receipt.dealRef");
        Checks.requiredText(titleRef, "Receipt.titleRef");
        Checks.required(receivedOn, "Receipt.receivedOn");
        Checks.positive(gross, "Receipt.gross");
        if (fxRate != null && !fxRate.from().equals(gross.currency())) {
            throw new IllegalArgumentException("Receipt.fxRate converts from " + fxRate.from().getCurrencyCode()
                    + " but the receipt is in " + gross.currency().getCurrencyCode());
        }
    }

    /** A receipt already in the agreement currency. */
    public Receipt(String id, String dealRef, String titleRef, LocalDate receivedOn, Money gross) {
        this(id, dealRef, titleRef, receivedOn, gross, null);
    }
}
