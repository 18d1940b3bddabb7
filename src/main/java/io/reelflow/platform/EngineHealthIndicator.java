package io.reelflow.platform;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health of the process engine and its job executor, with the open incidents. No due-jobs count: on a
 * large job table it scans the whole table, and readiness probes run often.
 */
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
            long incidents = engine.getRuntimeService().createIncidentQuery().count();
            return Health.up().withDetail("engine", engine.getName())
                    .withDetail("jobExecutorActive", executor != null && executor.isActive())
                    .withDetail("openIncidents", incidents).build();
        } catch (RuntimeException e) {
            return Health.down(e).build();
        }
    }
}
