package io.reelflow.platform.security;

import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The grants the engine gives on a new task, with one exception for money. With
 * {@code enforceSpecificVariablePermission} the engine grants each candidate group, the assignee and the owner of a
 * task READ_VARIABLE on it besides READ and TASK_WORK; through a task one reads every variable its execution sees, up
 * to the process instance. In the money processes ({@link GroupAuthorizations#MONEY_PROCESSES}) only {@code finance}
 * keeps READ_VARIABLE: a manager's "Payment overdue" task shows which deal and instalment in its name and may be
 * claimed and completed, but its process's variables (amounts, whatever a model keeps there) stay unread. Members of
 * {@code finance} read their own tasks' variables through the group's grant; admins hold ALL anyway.
 */
@Component
public class MoneyTaskGrants extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setResourceAuthorizationProvider(new Provider());
    }

    static class Provider extends DefaultAuthorizationProvider {

        @Override
        public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
            return withoutVariables(task, null, super.newTaskAssignee(task, oldAssignee, newAssignee));
        }

        @Override
        public AuthorizationEntity[] newTaskOwner(Task task, String oldOwner, String newOwner) {
            return withoutVariables(task, null, super.newTaskOwner(task, oldOwner, newOwner));
        }

        @Override
        public AuthorizationEntity[] newTaskUserIdentityLink(Task task, String userId, String type) {
            return withoutVariables(task, null, super.newTaskUserIdentityLink(task, userId, type));
        }

        @Override
        public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
            return withoutVariables(task, groupId, super.newTaskGroupIdentityLink(task, groupId, type));
        }

        private static AuthorizationEntity[] withoutVariables(Task task, String groupId, AuthorizationEntity[] grants) {
            if (grants == null || Roles.FINANCE.equals(groupId) || !isMoneyTask(task)) return grants;
            for (AuthorizationEntity grant : grants) {
                if (grant != null && grant.getResourceType() == org.camunda.bpm.engine.authorization.Resources.TASK.resourceType()) {
                    grant.removePermission(TaskPermissions.READ_VARIABLE);
                }
            }
            return grants;
        }

        private static boolean isMoneyTask(Task task) {
            String definitionId = task.getProcessDefinitionId();
            if (definitionId == null) return false; // a standalone task belongs to no process
            ProcessDefinitionEntity definition = Context.getProcessEngineConfiguration().getDeploymentCache()
                    .findDeployedProcessDefinitionById(definitionId);
            return definition != null && GroupAuthorizations.MONEY_PROCESSES.contains(definition.getKey());
        }
    }
}
