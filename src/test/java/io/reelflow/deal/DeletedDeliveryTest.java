package io.reelflow.deal;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.support.ApiTestSupport;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A delivery or licence fee an operator deletes in Cockpit counts as ended: the deal does not wait for it forever. */
class DeletedDeliveryTest extends ApiTestSupport {

    @Autowired RuntimeService runtime;
    @Autowired org.camunda.bpm.engine.HistoryService history;

    @Test
    void aDeletedLastDeliveryLetsTheDealGoOnPastDeliveredAndPaid() {
        String deal = postCleanDeal("NFX-DEL"); // answered 201, else it fails
        runJobs();
        // as if the licence window were over: the deal asks whether its delivery or its fee still runs
        String lifecycle = runtime.createProcessInstanceQuery().processInstanceBusinessKey(deal).processDefinitionKey("deal-lifecycle")
                .singleResult().getId();
        runtime.createProcessInstanceModification(lifecycle).cancelAllForActivity("watchLicenceWindow")
                .startBeforeActivity("stillOpenGateway").execute();
        assertThat(waiting(deal)).as("the deal waits for its delivery and its fee").isEqualTo(1);

        runtime.deleteProcessInstance(instanceOf(deal, "licence-fee"), "cancelled by an operator");
        assertThat(waiting(deal)).as("the delivery still runs").isEqualTo(1);
        runtime.deleteProcessInstance(instanceOf(deal, "netflix-delivery"), "cancelled by an operator");

        assertThat(waiting(deal)).as("no longer waiting for a delivery that is gone").isZero();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(lifecycle).count()).as("the deal is done").isZero();
    }

    @Test
    void aDealWhoseDeliveryAndFeeEndedBeforeItsWindowIsDoneWhenTheWindowIs() {
        String deal = postCleanDeal("NFX-END"); // answered 201, else it fails
        runJobs();
        runtime.deleteProcessInstance(instanceOf(deal, "licence-fee"), "cancelled by an operator");
        runtime.deleteProcessInstance(instanceOf(deal, "netflix-delivery"), "cancelled by an operator");
        String lifecycle = instanceOf(deal, "deal-lifecycle");
        assertThat(runtime.createExecutionQuery().processInstanceId(lifecycle).activityId("watchLicenceWindow").count())
                .as("their ends do not move a deal whose window runs").isEqualTo(1);

        runtime.createProcessInstanceModification(lifecycle).cancelAllForActivity("watchLicenceWindow")
                .startBeforeActivity("stillOpenGateway").execute(); // as if the window were over
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(lifecycle).count()).as("nothing left to wait for").isZero();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(lifecycle).activityId("deliveredAndPaid").count()).isZero();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(lifecycle).activityId("dealDone").count()).isEqualTo(1);
    }

    private long waiting(String deal) {
        return runtime.createExecutionQuery().processInstanceBusinessKey(deal).activityId("deliveredAndPaid").count();
    }

    private String instanceOf(String deal, String process) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(deal).processDefinitionKey(process).singleResult().getId();
    }
}
