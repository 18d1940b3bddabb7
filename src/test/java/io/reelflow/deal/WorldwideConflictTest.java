package io.reelflow.deal;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.platform.ProcessVariable;
import io.reelflow.support.ApiTestSupport;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A deal asked worldwide for a title held in one country conflicts in every other country: its conflict list runs
 * far past what the engine keeps in a text variable. The rights manager still gets her task, with the list shortened
 * in the form and whole in the deal view.
 */
class WorldwideConflictTest extends ApiTestSupport {

    @Autowired TaskService tasks;
    @Autowired RuntimeService runtime;

    @Test
    void aConflictInEveryCountryReachesTheRightsManagerWithItsListShortenedInTheForm() {
        long title = createTitle(unique("Held in France only"), "fr");
        createRightsIn(title, "[\"FR\"]", "[\"SVOD\"]", "2026-01-01", "2035-12-31", true);
        String deal = unique("NFX-WW");
        Response posted = postJson("crm", "/api/deals", dealJson(deal, title, "[\"WW\"]", "2027-01-01", "2027-12-31"));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);

        runJobs();

        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(deal).processDefinitionKey("deal-lifecycle")
                .singleResult().getId();
        assertThat(management.createJobQuery().processInstanceId(instance).withException().count()).as("no failed job").isZero();
        var view = get("rita", "/api/deals/" + deal).json();
        assertThat(view.get("status").asText()).isEqualTo("CONFLICT");
        assertThat(view.get("conflicts").size()).as("every country but France").isGreaterThan(200);

        Task task = tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("resolveRightsConflict").singleResult();
        assertThat(task).as("the rights manager's task").isNotNull();
        String shown = (String) tasks.getVariableLocal(task.getId(), "conflictSummary");
        assertThat(shown.length()).isLessThanOrEqualTo(ProcessVariable.TEXT_MAX);
        assertThat(shown).contains("shortened here");
    }
}
