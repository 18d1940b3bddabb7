package io.reelflow.platform;

import io.reelflow.platform.security.Roles;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Tasklist filters per role, created at start-up when missing (an admin may edit them afterwards).
 * Who may read which filter is in {@link #READERS}; the grants are made by
 * {@link io.reelflow.platform.security.GroupAuthorizations}. A filter only narrows the tasks a user may
 * read anyway: reading the "Finance" filter would not show finance tasks to anyone else.
 */
@Component
@Order(3)
public class TasklistFilters implements ApplicationRunner {

    /** Filter name → the groups that may read it (managers read every filter, they see every task). */
    public static final Map<String, List<String>> READERS = orderedReaders();

    private static Map<String, List<String>> orderedReaders() {
        Map<String, List<String>> readers = new java.util.LinkedHashMap<>();
        readers.put("My tasks", List.of(Roles.RIGHTS_MANAGERS, Roles.DELIVERY_COORDINATORS, Roles.FINANCE, Roles.MANAGERS));
        readers.put("Rights conflicts", List.of(Roles.RIGHTS_MANAGERS, Roles.MANAGERS));
        readers.put("My delivery tasks", List.of(Roles.DELIVERY_COORDINATORS, Roles.MANAGERS));
        readers.put("Finance", List.of(Roles.FINANCE, Roles.MANAGERS));
        readers.put("At risk", List.of(Roles.MANAGERS));
        return java.util.Collections.unmodifiableMap(readers);
    }

    private record FilterSpec(String name, String description, int priority, String color, TaskQuery query) {
    }

    private final FilterService filters;
    private final TaskService tasks;

    public TasklistFilters(FilterService filters, TaskService tasks) {
        this.filters = filters;
        this.tasks = tasks;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<FilterSpec> specs = List.of(
                // Tasklist opens the readable filter of lowest priority: each role lands on its own queue, "My tasks" after it
                new FilterSpec("My tasks", "Tasks assigned to me", 100, "#3c8dbc",
                        tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByDueDate().asc()),
                new FilterSpec("Rights conflicts", "Deals waiting for a rights manager's decision", 0, "#dd4b39",
                        tasks.createTaskQuery().taskCandidateGroup(Roles.RIGHTS_MANAGERS).includeAssignedTasks().orderByDueDate().asc()),
                new FilterSpec("My delivery tasks", "Delivery coordination", 10, "#00a65a",
                        tasks.createTaskQuery().taskCandidateGroup(Roles.DELIVERY_COORDINATORS).includeAssignedTasks().orderByDueDate().asc()),
                new FilterSpec("Finance", "Invoices, payments, statements", 20, "#f39c12",
                        tasks.createTaskQuery().taskCandidateGroup(Roles.FINANCE).includeAssignedTasks().orderByDueDate().asc()),
                new FilterSpec("At risk", "Escalations for managers", -10, "#605ca8",
                        tasks.createTaskQuery().taskCandidateGroup(Roles.MANAGERS).includeAssignedTasks().orderByDueDate().asc()));
        for (FilterSpec spec : specs) {
            if (filters.createFilterQuery().filterName(spec.name()).count() > 0) continue;
            Filter filter = filters.newTaskFilter(spec.name()).setQuery(spec.query())
                    .setProperties(Map.of("description", spec.description(), "priority", spec.priority(), "color", spec.color(),
                            "refresh", true));
            filters.saveFilter(filter);
        }
    }
}
