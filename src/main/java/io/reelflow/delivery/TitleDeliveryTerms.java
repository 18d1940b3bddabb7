package io.reelflow.delivery;

import java.time.LocalDate;
import java.util.List;

/**
 * What a deal asks of one title's delivery: the format, the title's original language, the day it is due and the
 * required tracks (language × kind, each tag exactly as the deal gives it).
 *
 * @param deliveryDue null when the deal names no day
 */
public record TitleDeliveryTerms(String crmDealId, long titleId, String titleName, String resolution, String dynamicRange,
                                 String originalLanguage, LocalDate deliveryDue, List<DeliveryService.Required> tracks) {

    /**
     * Where the deal's terms come from: the deal capability answers (delivery does not read the deal's records), so
     * the arrow points from deal to delivery only.
     */
    public interface Source {

        /**
         * The terms of the title's delivery under the deal; a title that is not one of the deal's is a technical
         * error (the step fails, and retries end in an incident).
         */
        TitleDeliveryTerms of(String crmDealId, long titleId);
    }
}
