package io.reelflow.platform.security;

import static io.reelflow.platform.security.Roles.ADMINS;
import static io.reelflow.platform.security.Roles.CRM_INTEGRATION;
import static io.reelflow.platform.security.Roles.DELIVERY_COORDINATORS;
import static io.reelflow.platform.security.Roles.FINANCE;
import static io.reelflow.platform.security.Roles.MANAGERS;
import static io.reelflow.platform.security.Roles.RIGHTS_MANAGERS;
import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import io.reelflow.platform.TasklistFilters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Who may do what in Tasklist, Cockpit, Admin and {@code /engine-rest}: the Camunda authorizations
 * of each group, created at every start-up in every profile when missing (never removed: an admin
 * may add more in Camunda Admin). The policy, in short (docs/security.md has the full matrix):
 * <ul>
 *   <li>{@code crm-integration}: nothing in the engine; the CRM uses only {@code /api}, whose rules are
 *       in {@link SecurityConfiguration}.</li>
 *   <li>{@code rights-managers}, {@code delivery-coordinators}, {@code finance}: Tasklist, their filters,
 *       READ on the process definitions that have user tasks for them, and only their own tasks: when a
 *       task is created the engine grants its candidate group READ and TASK_WORK on that one task
 *       ({@code defaultUserPermissionNameForTask: TASK_WORK}), so a group never sees another's tasks.</li>
 *   <li>{@code managers}: Cockpit and Tasklist, READ on every definition, instance, task and their
 *       history, nothing that changes them; they work their own escalation tasks like any candidate group.
 *       They read the variables of every process but the money ones ({@link #MONEY_PROCESSES}, {@link #variableGrants()}).</li>
 *   <li>{@code admins} and {@code camunda-admin}: ALL on every resource (and both are the engine's admin groups,
 *       {@link AdminGroupsPlugin}).</li>
 * </ul>
 * Our own code is not subject to these: the engine checks authorizations only for a thread whose
 * {@code IdentityService} carries an authentication (set by the webapps per session and by the
 * {@code /engine-rest} filter per request); {@code /api} requests, delegates, listeners and jobs carry none.
 */
@Component
@Order(4) // after TasklistFilters, whose filters it grants
public class GroupAuthorizations implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(GroupAuthorizations.class);

    /** The groups of the service (id, name), created when missing. */
    public static final Map<String, String> GROUPS = orderedMap(
            RIGHTS_MANAGERS, "Rights managers",
            DELIVERY_COORDINATORS, "Delivery coordinators",
            FINANCE, "Finance",
            MANAGERS, "Managers",
            CRM_INTEGRATION, "CRM integration",
            ADMINS, "Administrators",
            Groups.CAMUNDA_ADMIN, "Camunda administrators");

    /** Groups that work tasks in Tasklist (each sees and works only the tasks it is a candidate for). */
    public static final List<String> TASK_GROUPS = List.of(RIGHTS_MANAGERS, DELIVERY_COORDINATORS, FINANCE, MANAGERS);

    /**
     * The processes whose variables carry money: only {@code finance} (through its own tasks) and the admins read them.
     * Every other process's variables are read by managers (Cockpit, Tasklist, {@code /engine-rest} history) and by
     * each candidate group through its own tasks ({@code enforceSpecificVariablePermission}, {@link MoneyTaskGrants}).
     */
    public static final Set<String> MONEY_PROCESSES = Set.of("licence-fee", "fee-instalment", "royalty-statement");

    /** Groups with every permission on every resource. */
    public static final List<String> ADMIN_GROUPS = List.of(ADMINS, Groups.CAMUNDA_ADMIN);

    /** One grant of the fixed policy: group × resource × resource id × permissions. */
    public record Grant(String group, Resource resource, String resourceId, List<Permission> permissions) {
    }

    private static Grant grant(String group, Resource resource, String resourceId, Permission... permissions) {
        return new Grant(group, resource, resourceId, List.of(permissions));
    }

    /** The fixed part of the policy; per-process-definition and per-filter grants are derived at start-up. */
    public static final List<Grant> POLICY = List.of(
            // webapp access (Camunda Admin and the engine's resources beyond these: admins only)
            grant(RIGHTS_MANAGERS, Resources.APPLICATION, "tasklist", Permissions.ACCESS),
            grant(DELIVERY_COORDINATORS, Resources.APPLICATION, "tasklist", Permissions.ACCESS),
            grant(FINANCE, Resources.APPLICATION, "tasklist", Permissions.ACCESS),
            grant(MANAGERS, Resources.APPLICATION, "tasklist", Permissions.ACCESS),
            grant(MANAGERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS),
            // managers: read everything about processes and tasks, change nothing
            grant(MANAGERS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
                    ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
                    ProcessDefinitionPermissions.READ_HISTORY),
            grant(MANAGERS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ),
            grant(MANAGERS, Resources.TASK, ANY, TaskPermissions.READ),
            grant(MANAGERS, Resources.DEPLOYMENT, ANY, Permissions.READ),
            grant(MANAGERS, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY),
            grant(MANAGERS, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ));

    private final AuthorizationService authorizations;
    private final IdentityService identity;
    private final RepositoryService repository;
    private final FilterService filters;
    private final TaskService tasks;
    private final ProcessEngineConfigurationImpl engine;
    private final String allTasksFilter;

    public GroupAuthorizations(AuthorizationService authorizations, IdentityService identity, RepositoryService repository,
                               FilterService filters, TaskService tasks, ProcessEngineConfigurationImpl engine,
                               @Value("${camunda.bpm.filter.create:}") String allTasksFilter) {
        this.engine = engine;
        this.authorizations = authorizations;
        this.identity = identity;
        this.repository = repository;
        this.filters = filters;
        this.tasks = tasks;
        this.allTasksFilter = allTasksFilter;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensureGroups();
        int changed = 0;
        for (Grant g : POLICY) changed += ensure(g);
        for (Grant g : adminGrants()) changed += ensure(g);
        for (Grant g : processDefinitionGrants()) changed += ensure(g);
        for (Grant g : variableGrants()) changed += ensure(g);
        for (Grant g : filterGrants()) changed += ensure(g);
        int backfilled = backfillTaskAuthorizations();
        if (changed + backfilled > 0) log.info("Authorizations: {} group grants added or extended, {} task grants backfilled", changed, backfilled);
    }

    /** Creates the service's groups when missing (a read-only identity store, such as LDAP, brings its own). */
    public void ensureGroups() {
        if (identity.isReadOnly()) return;
        GROUPS.forEach((id, name) -> {
            if (identity.createGroupQuery().groupId(id).count() > 0) return;
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType(id.equals(Groups.CAMUNDA_ADMIN) ? Groups.GROUP_TYPE_SYSTEM : Groups.GROUP_TYPE_WORKFLOW);
            identity.saveGroup(group);
        });
    }

    static List<Grant> adminGrants() {
        List<Grant> grants = new ArrayList<>();
        for (String group : ADMIN_GROUPS) {
            for (Resource resource : Resources.values()) grants.add(grant(group, resource, ANY, Permissions.ALL));
        }
        return grants;
    }

    /**
     * READ on each process definition (key) that has a user task for the group: Tasklist shows the
     * process name and diagram of a task. It gives no access to instances or tasks. Only literal
     * candidate groups count (the process models name their groups; an expression is not resolved here).
     */
    List<Grant> processDefinitionGrants() {
        Map<String, Set<String>> keysByGroup = new TreeMap<>();
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
            for (UserTask task : repository.getBpmnModelInstance(definition.getId()).getModelElementsByType(UserTask.class)) {
                String groups = task.getCamundaCandidateGroups();
                // a file may hold several processes: only this definition's tasks count
                if (groups == null || !definition.getKey().equals(processOf(task))) continue;
                for (String group : groups.split(",")) {
                    String g = group.trim();
                    if (TASK_GROUPS.contains(g) && !g.equals(MANAGERS)) { // managers read every definition already
                        keysByGroup.computeIfAbsent(g, k -> new TreeSet<>()).add(definition.getKey());
                    }
                }
            }
        }
        List<Grant> grants = new ArrayList<>();
        keysByGroup.forEach((group, keys) -> keys.forEach(key ->
                grants.add(grant(group, Resources.PROCESS_DEFINITION, key, ProcessDefinitionPermissions.READ))));
        return grants;
    }

    /**
     * Reading variables ({@code enforceSpecificVariablePermission}): managers read the variables of every process but
     * the money ones, running, in history and through any task (READ_INSTANCE_VARIABLE, READ_HISTORY_VARIABLE,
     * READ_TASK_VARIABLE per definition key, never on {@code *}). Nobody else gets a definition-wide variable grant:
     * a working group reads the variables of its own tasks only (the engine's task grant), finance included.
     */
    List<Grant> variableGrants() {
        Set<String> keys = new TreeSet<>();
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) keys.add(definition.getKey());
        List<Grant> grants = new ArrayList<>();
        for (String key : keys) {
            if (MONEY_PROCESSES.contains(key)) continue;
            grants.add(grant(MANAGERS, Resources.PROCESS_DEFINITION, key, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
                    ProcessDefinitionPermissions.READ_HISTORY_VARIABLE, ProcessDefinitionPermissions.READ_TASK_VARIABLE));
        }
        return grants;
    }

    private static String processOf(ModelElementInstance element) {
        ModelElementInstance e = element;
        while (e != null && !(e instanceof Process)) e = e.getParentElement();
        return e == null ? null : ((Process) e).getId();
    }

    /** READ on the Tasklist filters of each group ({@link TasklistFilters#READERS}, and the all-tasks filter for managers). */
    List<Grant> filterGrants() {
        Map<String, List<String>> readers = new LinkedHashMap<>(TasklistFilters.READERS);
        if (allTasksFilter != null && !allTasksFilter.isBlank()) readers.put(allTasksFilter, List.of(MANAGERS));
        List<Grant> grants = new ArrayList<>();
        readers.forEach((name, groups) -> {
            for (Filter filter : filters.createFilterQuery().filterName(name).list()) {
                for (String group : groups) grants.add(grant(group, Resources.FILTER, filter.getId(), Permissions.READ));
            }
        });
        return grants;
    }

    /**
     * Open tasks created while authorization was off have no task grants for their candidate groups:
     * adds what the engine would have added (READ and the default task permission), so such tasks stay
     * visible in Tasklist to their groups after an upgrade. Tasks created before variable reads needed their own
     * permission get READ_VARIABLE for their group the same way (not on a money task, unless the group is finance).
     */
    int backfillTaskAuthorizations() {
        Permission work = engine.getDefaultUserPermissionForTask();
        boolean readVariables = engine.isEnforceSpecificVariablePermission();
        Map<String, String> keyOfDefinition = new HashMap<>();
        int added = 0;
        for (String group : TASK_GROUPS) {
            Map<String, Authorization> granted = new HashMap<>();
            for (Authorization a : authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
                    .groupIdIn(group).resourceType(Resources.TASK).list()) {
                granted.put(a.getResourceId(), a);
            }
            for (Task task : tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks().list()) {
                // what the engine grants a candidate group today (MoneyTaskGrants): READ_VARIABLE too, but not on a money task unless finance
                boolean variables = readVariables && (group.equals(FINANCE) || !isMoneyTask(task, keyOfDefinition));
                Authorization a = granted.get(task.getId());
                if (a != null && (!variables || a.isPermissionGranted(TaskPermissions.READ_VARIABLE))) continue;
                added += variables ? ensure(grant(group, Resources.TASK, task.getId(), TaskPermissions.READ, work, TaskPermissions.READ_VARIABLE))
                        : ensure(grant(group, Resources.TASK, task.getId(), TaskPermissions.READ, work));
            }
        }
        return added;
    }

    private boolean isMoneyTask(Task task, Map<String, String> keyOfDefinition) {
        if (task.getProcessDefinitionId() == null) return false;
        String key = keyOfDefinition.computeIfAbsent(task.getProcessDefinitionId(), id -> repository.getProcessDefinition(id).getKey());
        return MONEY_PROCESSES.contains(key);
    }

    /** Creates the grant, or adds the permissions it lacks; 1 if something was written. */
    private int ensure(Grant g) {
        Authorization a = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
                .groupIdIn(g.group()).resourceType(g.resource()).resourceId(g.resourceId()).singleResult();
        if (a == null) {
            a = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
            a.setGroupId(g.group());
            a.setResource(g.resource());
            a.setResourceId(g.resourceId());
        } else if (g.permissions().stream().allMatch(a::isPermissionGranted)) {
            return 0;
        }
        for (Permission p : g.permissions()) a.addPermission(p);
        authorizations.saveAuthorization(a);
        return 1;
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) map.put(pairs[i], pairs[i + 1]);
        return java.util.Collections.unmodifiableMap(map);
    }
}
