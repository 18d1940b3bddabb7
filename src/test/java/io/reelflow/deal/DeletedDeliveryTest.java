package io.reelflow.deal;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.support.ApiTestSupport;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A delivery an operator deletes in Cockpit counts as ended: the deal does not wait for it forever. */
class DeletedDeliveryTest extends ApiTestSupport {

    @Autowired RuntimeService runtime;

    @Test
    void aDeletedLastDeliveryLetsTheDealGoOnPastTitlesDelivered() {
        long title = createTitle(unique("Deleted delivery"), "en");
        createRightsIn(title, "[\"FR\"]", "[\"SVOD\"]", "2026-01-01", "2035-12-31", true);
        String deal = unique("NFX-DEL");
        assertThat(postJson("crm", "/api/deals", dealJson(deal, title, "[\"FR\"]", "2027-01-01", "2027-12-31")).status()).isEqualTo(201);
        runJobs();
        assertThat(runtime.createExecutionQuery().processInstanceBusinessKey(deal).activityId("titlesDelivered").count())
                .as("the deal waits for its delivery").isEqualTo(1);

        String delivery = runtime.createProcessInstanceQuery().processInstanceBusinessKey(deal).processDefinitionKey("netflix-delivery")
                .singleResult().getId();
        runtime.deleteProcessInstance(delivery, "cancelled by an operator");

        assertThat(runtime.createExecutionQuery().processInstanceBusinessKey(deal).activityId("titlesDelivered").count())
                .as("no longer waiting for a delivery that is gone").isZero();
    }
}
