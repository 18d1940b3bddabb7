package io.reelflow.platform;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The business key of the process instance a delegate or listener runs in: what the instance works on (the CRM
 * deal id; {@code licensor-agreement-<id>} for a statement cycle). Unlike a variable, no task completion and no
 * caller can change it.
 */
public final class BusinessKey {

    private BusinessKey() {
    }

    public static String of(VariableScope scope) {
        String key;
        if (scope instanceof DelegateExecution e) key = e.getProcessBusinessKey();
        else if (scope instanceof DelegateTask t) key = t.getExecution() == null ? null : t.getExecution().getProcessBusinessKey();
        else throw new IllegalStateException("not an execution or a task: " + scope);
        if (key == null || key.isBlank()) throw new IllegalStateException("the process instance has no business key");
        return key;
    }
}
