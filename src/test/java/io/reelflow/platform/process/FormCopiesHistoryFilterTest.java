package io.reelflow.platform.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.support.ApiTestSupport;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The task-local copies of record data that forms show keep no engine history; the forms still read them, and the
 * processes' own variables (routing) keep theirs.
 */
class FormCopiesHistoryFilterTest extends ApiTestSupport {

    @Autowired FormCopiesHistoryFilter filter;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired HistoryService history;

    @Test
    void namesAreTheFormsDisplayValuesAndFieldsNeverRouting() {
        assertThat(filter.names()).contains("crmDealId", "licensee", "titleNames", "trackSummary", "deliveryDueLabel",
                "paymentDueLabel", "instalmentTrigger", "invoicedOn", "sourceRequests", "conflictSummary");
        // routing values, also when a glue class sets one on a task (the inbox marks the wait task it completes)
        assertThat(filter.names()).doesNotContain("completedByEvent", "titleId", "instalmentNumber", "rightsClear");
        assertThat(FormCopiesHistoryFilter.declaredVariableClasses()).extracting(Class::getSimpleName)
                .contains("DealLifecycleVariables", "FeeInstalmentVariables", "NetflixDeliveryVariables", "WindowWatchVariables");
    }

    @Test
    void aCleanDealsTasksShowTheirRecordsWithoutHistoryOfTheCopies() {
        String deal = postCleanDeal("NFX-HIST"); // answered 201, else it fails
        runJobs();

        Task invoice = tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("invoiceInstalment").singleResult();
        Task backlot = tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("setUpBacklot").singleResult();
        assertThat(invoice).isNotNull();
        assertThat(backlot).isNotNull();
        for (Task task : new Task[] {invoice, backlot}) {
            Map<String, Object> shown = tasks.getVariablesLocal(task.getId());
            assertThat(shown).as("what the form of %s shows", task.getTaskDefinitionKey()).containsEntry("crmDealId", deal);
            assertThat(history.createHistoricVariableInstanceQuery().taskIdIn(task.getId()).count())
                    .as("history of the task-local copies of %s", task.getTaskDefinitionKey()).isZero();
            assertThat(history.createHistoricDetailQuery().taskId(task.getId()).count()).isZero();
        }
        assertThat(tasks.getVariablesLocal(invoice.getId())).containsKeys("paymentDueLabel", "instalmentTrigger", "licensee", "titleNames");
        assertThat(tasks.getVariablesLocal(backlot.getId())).containsKeys("trackSummary", "deliveryDueLabel");

        // the routing variables of the same instances are in the history as before
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(invoice.getProcessInstanceId())
                .variableName("instalmentNumber").count()).isEqualTo(1);
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(backlot.getProcessInstanceId())
                .variableName("titleId").count()).isEqualTo(1);
    }
}
