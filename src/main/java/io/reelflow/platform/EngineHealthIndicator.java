package io.reelflow.platform;

import java.util.Date;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** Health of the process engine and its job executor, with the backlog of due jobs and open incidents. */
@Component("processEngine")
public class EngineHealthIndicator implements HealthIndicator {

    private final ProcessEngine engine;

    public EngineHealthIndicator(ProcessEngine engine) {
        this.engine = engine;
    }

    @Override
    public Health health() {
        try {
            JobExecutor executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
            long dueJobs = engine.getManagementService().createJobQuery().executable().duedateLowerThan(new Date()).count();
            long incidents = engine.getRuntimeService().createIncidentQuery().count();
            return Health.up().withDetail("engine", engine.getName())
                    .withDetail("jobExecutorActive", executor != null && executor.isActive())
                    .withDetail("dueJobs", dueJobs).withDetail("openIncidents", incidents).build();
        } catch (RuntimeException e) {
            return Health.down(e).build();
        }
    }
}
