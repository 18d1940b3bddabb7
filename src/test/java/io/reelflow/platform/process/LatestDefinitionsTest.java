package io.reelflow.platform.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelflow.support.ApiTestSupport;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.SuspendedEntityInteractionException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DefaultCacheFactory;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A start by key takes the latest version as before: a new version deployed here at once, a suspended one refused, a
 * deleted one replaced by the version before it. What is remembered is which definition is the latest, for
 * {@link LatestDefinitions#REMEMBERED_NANOS}: shown on a cache with a clock of its own, while the database says
 * otherwise behind its back (a version deployed by another node).
 */
class LatestDefinitionsTest extends ApiTestSupport {

    @Autowired ProcessEngine engine;
    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;

    private final String key = "latest-probe-" + Long.toHexString(System.nanoTime());

    @AfterEach
    void removeProbes() {
        repository.createDeploymentQuery().deploymentName(key).list().forEach(d -> repository.deleteDeployment(d.getId(), true));
    }

    private ProcessDefinition deploy(String version) {
        Deployment d = repository.createDeployment().name(key)
                .addModelInstance(key + ".bpmn", Bpmn.createExecutableProcess(key).name(version).camundaHistoryTimeToLive(1)
                        .startEvent().userTask("wait").endEvent().done())
                .deploy();
        return repository.createProcessDefinitionQuery().deploymentId(d.getId()).singleResult();
    }

    private String startedDefinition() {
        return runtime.startProcessInstanceByKey(key).getProcessDefinitionId();
    }

    @Test
    void theEnginesDeploymentCacheRemembersTheLatestVersions() {
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDeploymentCache())
                .isInstanceOf(LatestDefinitions.Cache.class);
    }

    @Test
    void aStartByKeyTakesTheLatestVersionAsDeployedSuspendedOrDeleted() {
        ProcessDefinition v1 = deploy("v1");
        assertThat(startedDefinition()).isEqualTo(v1.getId());
        assertThat(startedDefinition()).as("remembered").isEqualTo(v1.getId());

        ProcessDefinition v2 = deploy("v2");
        assertThat(startedDefinition()).as("a version deployed on this node is the latest at once").isEqualTo(v2.getId());

        repository.suspendProcessDefinitionById(v2.getId());
        assertThatThrownBy(this::startedDefinition).as("suspension is read with the definition on every start")
                .isInstanceOf(SuspendedEntityInteractionException.class);
        repository.activateProcessDefinitionById(v2.getId());
        assertThat(startedDefinition()).isEqualTo(v2.getId());

        repository.deleteDeployment(v2.getDeploymentId(), true);
        assertThat(startedDefinition()).as("the version before a deleted one").isEqualTo(v1.getId());
    }

    @Test
    void aVersionFromAnotherNodeIsStartedOnceTheRememberedAnswerIsOld() {
        ProcessDefinition v1 = deploy("v1");
        ProcessDefinition v2 = deploy("v2");
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        AtomicLong now = new AtomicLong();
        LatestDefinitions.Cache cache = new LatestDefinitions.Cache(new DefaultCacheFactory(), 10, now::get);
        cache.setDeployers(configuration.getDeployers());
        var enginesCache = configuration.getDeploymentCache();
        configuration.setDeploymentCache(cache); // the engine's deployers fill the cache it names
        try {
            assertThat(startedDefinition()).isEqualTo(v2.getId());
            // behind the cache's back the database now answers v1 as the latest (as if v2 were older)
            jdbc.update("UPDATE act_re_procdef SET version_ = 0 WHERE id_ = ?", v2.getId());
            now.addAndGet(LatestDefinitions.REMEMBERED_NANOS - 1);
            assertThat(startedDefinition()).as("remembered").isEqualTo(v2.getId());
            now.addAndGet(1);
            assertThat(startedDefinition()).as("asked again").isEqualTo(v1.getId());
        } finally {
            configuration.setDeploymentCache(enginesCache);
            jdbc.update("UPDATE act_re_procdef SET version_ = 2 WHERE id_ = ?", v2.getId());
        }
    }
}
