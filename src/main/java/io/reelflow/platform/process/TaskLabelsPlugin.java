package io.reelflow.platform.process;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * One mechanism for every user task of every model: a parse listener gives each user task a built-in "create"
 * listener (it runs before the model's own listeners) that
 * <ul>
 *   <li>names the task from its process's {@link TaskLabeller} (the deal, the title, the track, the attempt), so the
 *       diagram's label can stay static and twins in Tasklist differ;</li>
 *   <li>sets its description: one line on what to do;</li>
 *   <li>keeps a due date from lying: a task due at a moment of the day it is created, already past (a timer that
 *       fires at the start of an invoice day makes a task due at 00:00), is due at the end of that day instead. A
 *       due day before the creation day is left as it is: the task is overdue.</li>
 * </ul>
 * A labeller that fails leaves the model's label (logged): a name is not worth a rolled-back step.
 */
@Component
public class TaskLabelsPlugin extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(TaskLabelsPlugin.class);

    private final ObjectProvider<TaskLabeller> labellers;
    private volatile Map<String, TaskLabeller> byProcess;

    public TaskLabelsPlugin(ObjectProvider<TaskLabeller> labellers) {
        this.labellers = labellers;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        TaskListener onCreate = this::created;
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
                    behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, onCreate);
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    /** The labeller of a process, or null. */
    public TaskLabeller labellerOf(String processKey) {
        Map<String, TaskLabeller> map = byProcess;
        if (map == null) {
            map = new HashMap<>();
            for (TaskLabeller l : labellers.orderedStream().toList()) {
                for (String p : l.processes()) map.put(p, l);
            }
            byProcess = map;
        }
        return map.get(processKey);
    }

    void created(DelegateTask task) {
        String processKey = processKey(task);
        TaskLabeller labeller = processKey == null ? null : labellerOf(processKey);
        if (labeller != null) {
            try {
                String name = labeller.name(task);
                if (name != null && !name.isBlank()) task.setName(name);
                String description = labeller.description(processKey, task.getTaskDefinitionKey());
                if (description != null) task.setDescription(description);
            } catch (RuntimeException e) {
                log.warn("Task {} ({}) of process {} keeps its model label: {}", task.getId(), task.getTaskDefinitionKey(), processKey, e.toString());
            }
        }
        Date due = task.getDueDate();
        if (due != null) task.setDueDate(notBeforeCreation(due, ClockUtil.getCurrentTime()));
    }

    /** A due date already past on the day it is created moves to the end of that day; an earlier day is overdue. */
    static Date notBeforeCreation(Date due, Date now) {
        if (due.after(now)) return due;
        LocalDate dueDay = LocalDate.ofInstant(due.toInstant(), ZoneOffset.UTC);
        LocalDate today = LocalDate.ofInstant(now.toInstant(), ZoneOffset.UTC);
        if (!dueDay.equals(today)) return due;
        return Date.from(today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1));
    }

    private static String processKey(DelegateTask task) {
        if (task.getExecution() instanceof org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity e && e.getProcessDefinition() != null) {
            return e.getProcessDefinition().getKey();
        }
        String definitionId = task.getProcessDefinitionId();
        return definitionId == null ? null : definitionId.split(":")[0];
    }
}
