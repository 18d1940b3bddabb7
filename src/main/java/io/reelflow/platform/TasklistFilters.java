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

/** Tasklist filters per role, created at start-up when missing (an admin may edit them afterwards). */
@Component
@Order(3)
public class TasklistFilters implements ApplicationRunner {

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
                new FilterSpec("My tasks", "Tasks assigned to me", -10, "#3c8dbc",
                        tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByDueDate().asc()),
                new FilterSpec("Rights conflicts", "Deals waiting for a rights manager's decision", 0, "#dd4b39",
                        tasks.createTaskQuery().taskCandidateGroup(Roles.RIGHTS_MANAGERS).includeAssignedTasks().orderByDueDate().asc()),
                new FilterSpec("My delivery tasks", "Delivery coordination", 10, "#00a65a",
                        tasks.createTaskQuery().taskCandidateGroup(Roles.DELIVERY_COORDINATORS).includeAssignedTasks().orderByDueDate().asc()),
                new FilterSpec("Finance", "Invoices, payments, statements", 20, "#f39c12",
                        tasks.createTaskQuery().taskCandidateGroup(Roles.FINANCE).includeAssignedTasks().orderByDueDate().asc()),
                new FilterSpec("At risk", "Escalations for managers", 30, "#605ca8",
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
