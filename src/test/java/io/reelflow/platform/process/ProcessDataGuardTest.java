package io.reelflow.platform.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelflow.support.ApiTestSupport;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The guard itself, through the engine's Java API with a user's authentication set as Tasklist and /engine-rest
 * set it: it refuses writes of process data even where a grant would let the engine allow them, and leaves the
 * service's own code (no authentication) alone.
 */
class ProcessDataGuardTest extends ApiTestSupport {

    @Autowired IdentityService identity;
    @Autowired AuthorizationService authorizations;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired RepositoryService repository;
    @Autowired HistoryService history;
    @Autowired io.reelflow.platform.security.GroupAuthorizations groupAuthorizations;

    @BeforeEach
    void testProcessDeployed() {
        if (repository.createProcessDefinitionQuery().processDefinitionKey("security-finance-task").count() == 0) {
            repository.createDeployment().name("process-data-guard-test").addClasspathResource("security/group-task.bpmn").deploy();
        }
        groupAuthorizations.run(null); // READ on the test definition for its candidate groups, as at start-up
    }

    @Test
    void evenWithAGrantToUpdateTheInstanceANonAdminWritesNoVariableOutsideATasksForm() {
        ProcessInstance pi = runtime.startProcessInstanceByKey("security-finance-task", unique("GUARD"));
        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId("finance");
        grant.setResource(Resources.PROCESS_INSTANCE);
        grant.setResourceId(pi.getId());
        grant.addPermission(Permissions.UPDATE);
        grant = authorizations.saveAuthorization(grant);
        try {
            for (ThrowingConsumer<String> write : List.<ThrowingConsumer<String>>of(
                    id -> runtime.setVariable(id, "dealId", 4711L),
                    id -> runtime.setVariablesLocal(id, Map.of("deliveryId", 1L)),
                    id -> runtime.removeVariable(id, "anything"),
                    id -> runtime.createProcessInstanceModification(id).startBeforeActivity("financeWork").setVariable("trackId", 1L).execute(),
                    id -> runtime.createMessageCorrelation("no-such-message").processInstanceId(id).setVariable("instalmentId", 1L).correlateAll(),
                    id -> runtime.signalEventReceived("no-such-signal", Map.of("dealId", 1L)))) {
                assertThatThrownBy(() -> as("fiona", () -> write.accept(pi.getId())))
                        .isInstanceOf(ProcessDataRefusal.AdminsOnly.class).hasMessageContaining("reserved to admins");
            }
            assertThat(runtime.getVariables(pi.getId())).isEmpty();
            // without variables the grant is the engine's business: fiona may start another task in her instance
            as("fiona", () -> runtime.createProcessInstanceModification(pi.getId()).startBeforeActivity("financeWork").execute());
            assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).count()).isEqualTo(2);
        } finally {
            authorizations.deleteAuthorization(grant.getId());
        }
        // an admin may, and so may the service's own code
        as("admin", () -> runtime.setVariable(pi.getId(), "repairedBy", "admin"));
        runtime.setVariable(pi.getId(), "repairedBy", "the service");
        assertThat(runtime.getVariable(pi.getId(), "repairedBy")).isEqualTo("the service");
        runtime.deleteProcessInstance(pi.getId(), "guard test done");
    }

    @Test
    void theServicesOwnCodeCompletesTasksWithWhateverItNeeds() {
        ProcessInstance pi = runtime.startProcessInstanceByKey("security-finance-task", unique("GUARD"));
        String task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();
        assertThatThrownBy(() -> as("fiona", () -> tasks.complete(task, Map.of("checkedBy", "fiona"))))
                .isInstanceOf(ProcessDataRefusal.FormContractViolation.class)
                .hasMessageContaining("checkedBy: not a field of the form").hasMessageContaining("declares none");
        tasks.complete(task, Map.of("checkedBy", "the service")); // no authentication: a delegate, a controller, the inbox
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    @Test
    void theEnginesOwnJobsAreLeftToAdmins() throws Exception {
        Job cleanup = history.findHistoryCleanupJobs().stream().findFirst().orElseGet(() -> history.cleanUpHistoryAsync());
        for (String user : List.of("rita", "dave", "fiona", "mark")) {
            for (ThrowingConsumer<String> change : List.<ThrowingConsumer<String>>of(
                    id -> management.deleteJob(id),
                    id -> management.executeJob(id),
                    id -> management.setJobRetries(id, 0),
                    id -> management.setJobRetries(List.of(id), 0),
                    id -> management.suspendJobById(id),
                    id -> management.setJobDuedate(id, new java.util.Date()),
                    id -> management.setJobPriority(id, 1))) {
                assertThatThrownBy(() -> as(user, () -> change.accept(cleanup.getId()))).as(user)
                        .isInstanceOf(ProcessDataRefusal.AdminsOnly.class).hasMessageContaining("history-cleanup");
            }
        }
        Job after = management.createJobQuery().jobId(cleanup.getId()).singleResult();
        assertThat(after).isNotNull();
        assertThat(after.isSuspended()).isFalse();
        assertThat(after.getRetries()).isEqualTo(cleanup.getRetries());
        assertThat(after.getDuedate()).isEqualTo(cleanup.getDuedate());
        as("admin", () -> management.setJobRetries(cleanup.getId(), cleanup.getRetries()));
    }

    private void as(String user, ThrowingRunnable work) {
        List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
        identity.setAuthentication(user, groups);
        try {
            work.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        } finally {
            identity.clearAuthentication();
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Throwable;
    }
}
