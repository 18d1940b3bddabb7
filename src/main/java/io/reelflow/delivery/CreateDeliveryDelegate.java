package io.reelflow.delivery;

import static io.reelflow.delivery.NetflixDeliveryVariables.BACKLOT_DUE;
import static io.reelflow.delivery.NetflixDeliveryVariables.BACKLOT_ESCALATION;
import static io.reelflow.delivery.NetflixDeliveryVariables.DELIVERY_DUE;
import static io.reelflow.delivery.NetflixDeliveryVariables.TITLE_ID;
import static io.reelflow.delivery.NetflixDeliveryVariables.TITLE_NAME;

import io.reelflow.platform.BusinessKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code ${createDelivery}} of {@code netflix-delivery}: the delivery of the instance's title under the business key's
 * deal, with the tracks the deal requires (asked of the deal side once, typed). Sets what the model routes and names
 * by: the title's name, the due day, and the Backlot task's due day and escalation (transient: used in this
 * transaction only). Repeating it changes nothing.
 */
@Component("createDelivery")
class CreateDeliveryDelegate implements JavaDelegate {

    private final TitleDeliveryTerms.Source deals;
    private final DeliveryService deliveries;
    private final int backlotDays;
    private final String backlotEscalation;

    CreateDeliveryDelegate(TitleDeliveryTerms.Source deals, DeliveryService deliveries,
                           @Value("${reelflow.delivery.backlot-setup-days:3}") int backlotDays,
                           @Value("${reelflow.delivery.backlot-escalation:P5D}") String backlotEscalation) {
        this.deals = deals;
        this.deliveries = deliveries;
        this.backlotDays = backlotDays;
        this.backlotEscalation = backlotEscalation;
    }

    @Override
    public void execute(DelegateExecution e) {
        // the deal is the business key's; the title the one the instance was started with (checked to be the deal's)
        TitleDeliveryTerms terms = deals.of(BusinessKey.of(e), TITLE_ID.required(e));
        deliveries.create(terms.crmDealId(), terms.titleId(), terms.titleName(), terms.resolution(), terms.dynamicRange(),
                terms.originalLanguage(), terms.deliveryDue(), terms.tracks());
        Instant now = ClockUtil.getCurrentTime().toInstant();
        Date due = terms.deliveryDue() == null ? Date.from(now.plus(30, ChronoUnit.DAYS))
                : Date.from(terms.deliveryDue().atStartOfDay().toInstant(ZoneOffset.UTC));
        TITLE_NAME.set(e, terms.titleName());
        DELIVERY_DUE.set(e, due);
        BACKLOT_DUE.setTransient(e, Date.from(now.plus(backlotDays, ChronoUnit.DAYS)));
        BACKLOT_ESCALATION.setTransient(e, backlotEscalation);
    }
}
