package io.reelflow.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.support.ApiTestSupport;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every job carries a due date, the executor takes due jobs oldest first, and the two indexes its acquisition reads
 * are in the database; a job written without a due date (by an earlier version) is made due at the next start.
 * The plan and its cost on a large job table: {@code JobAcquisitionPlanBenchmark}.
 */
class JobAcquisitionByDueDateTest extends ApiTestSupport {

    @Autowired ProcessEngine engine;
    @Autowired JobAcquisitionByDueDate plugin;
    @Autowired org.camunda.bpm.engine.RuntimeService runtime;

    private String dealProcess(String deal) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(deal).processDefinitionKey("deal-lifecycle").singleResult().getId();
    }

    @Test
    void theEngineDatesEveryJobAndAcquiresByDueDate() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.isEnsureJobDueDateNotNull()).isTrue();
        assertThat(configuration.isJobExecutorAcquireByDueDate()).isTrue();
        assertThat(jdbc.queryForList("SELECT indexdef FROM pg_indexes WHERE tablename = 'act_ru_job' AND indexname IN (?, ?) ORDER BY indexname",
                String.class, JobAcquisitionByDueDate.DUE_INDEX, JobAcquisitionByDueDate.LOCKED_INDEX))
                .containsExactly(
                        "CREATE INDEX act_idx_job_acquirable ON public.act_ru_job USING btree (duedate_) WHERE ((retries_ > 0) AND (suspension_state_ = 1))",
                        "CREATE INDEX act_idx_job_locked ON public.act_ru_job USING btree (process_instance_id_) WHERE (lock_owner_ IS NOT NULL)");
    }

    @Test
    void anAsynchronousStepIsDueWhenItIsCreated() {
        long before = System.currentTimeMillis() - 1000;
        String deal = postCleanDeal("NFX-DATED");

        Job check = management.createJobQuery().processInstanceId(dealProcess(deal)).singleResult();
        assertThat(check.getDuedate()).as("the deal's first step, an asynchronous continuation").isNotNull();
        assertThat(check.getDuedate().getTime()).isBetween(before, System.currentTimeMillis() + 1000);
        assertThat(management.createJobQuery().jobId(check.getId()).executable().count()).isEqualTo(1);
        runJobs();
    }

    @Test
    void aJobWrittenWithoutADueDateIsMadeDueAtTheNextStart() {
        String deal = postCleanDeal("NFX-UNDATED");
        Job check = management.createJobQuery().processInstanceId(dealProcess(deal)).singleResult();
        jdbc.update("UPDATE act_ru_job SET duedate_ = NULL WHERE id_ = ?", check.getId());

        plugin.postProcessEngineBuild(engine); // what a start of this version does

        assertThat(management.createJobQuery().jobId(check.getId()).singleResult().getDuedate()).isNotNull();
        assertThat(count("SELECT count(*) FROM act_ru_job WHERE duedate_ IS NULL")).isZero();
        runJobs();
        assertThat(get("crm", "/api/deals/" + deal).json().get("status").asText()).isEqualTo("GRANTED");
    }
}
