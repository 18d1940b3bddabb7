package io.reelflow.platform.process;

import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * Names the user tasks of some processes as a person sees them in Tasklist: which deal, which title, which track
 * and which attempt, and says in one line what to do. The model's label stays static ("Set up title in Backlot");
 * {@link TaskLabelsPlugin} asks the labeller of the task's process when the task is created. A labeller reads the
 * business key and the database (or variables no form declares), never a value a task completion could write.
 */
public interface TaskLabeller {

    /** The process definition keys whose tasks this labeller names. */
    Set<String> processes();

    /** The live name of a task being created (null keeps the model's label). */
    String name(DelegateTask task);

    /** One line for each user task of these processes, by task definition key: what the person does in it. */
    Map<String, String> descriptions();

    /** One line: what the person does in this task (a process's user task by its definition key); null if unknown. */
    default String description(String processKey, String taskKey) {
        return processes().contains(processKey) ? descriptions().get(taskKey) : null;
    }

    /** The deal a name ends with: {@code <what> — <CRM deal id>}. */
    static String ofDeal(String what, String crmDealId) {
        return what + " — " + crmDealId;
    }
}
