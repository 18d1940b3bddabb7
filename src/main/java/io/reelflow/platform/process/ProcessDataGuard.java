package io.reelflow.platform.process;

import io.reelflow.platform.web.InvalidInputException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobDefinitionStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobsRetriesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteJobCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RecalculateJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDefinitionPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.UnlockJobCmd;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobListener;
import org.camunda.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.camunda.bpm.engine.impl.persistence.entity.JobDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The engine-side contract on process data, one mechanism for every task and every way in (Tasklist, its API,
 * {@code /engine-rest}, the Java API with an authentication set). It sits in the engine's command chain, inside
 * the command context, and looks at the outermost command of a caller that carries an engine authentication;
 * the service's own code (controllers, delegates, listeners, the job executor) carries none, and the commands
 * that delegates and listeners run inside a user's command are nested, so neither is restricted.
 * <ul>
 *   <li><b>A task accepts only its own form's fields</b>: completing a task, submitting its form, raising a BPMN
 *       error or escalation from it, and (for non-admins) setting its variables: each variable must be a field
 *       of the task's deployed Camunda Form, writable (not disabled; a read-only field only with the value it
 *       shows, and it is then not written again), of the field's kind (string, number, boolean, list, object),
 *       and within the field's static options, length, pattern and range. Admins are held to the form when they
 *       complete a task too; they write other variables directly.</li>
 *   <li><b>Process variables are written outside a task's form by admins only</b>: setting, changing or removing
 *       variables of an execution or process instance, removing task variables, and any other command that carries
 *       variables (start, message correlation, signal, modification, restart, migration, external tasks).</li>
 *   <li><b>Engine jobs without a process</b> (history cleanup, batches) are executed, retried, rescheduled,
 *       suspended or deleted by admins only; a process's jobs stay under the engine's own checks (UPDATE or
 *       RETRY_JOB on the instance or definition, which only admins hold).</li>
 * </ul>
 * Refusals change nothing (the command never runs) and name each variable with the reason.
 */
public class ProcessDataGuard extends CommandInterceptor {

    private static final ThreadLocal<Command<?>> OUTERMOST = new ThreadLocal<>();

    /** Field names that hold variables a command writes (variables, processVariables, payloadProcessInstanceVariables…). */
    private static final Pattern VARIABLE_FIELD = Pattern.compile("(?i).*variable.*");
    /** Engine objects a command holds its variables in: builders, nested commands and instructions, migration plans. */
    private static final Pattern CARRIER_CLASS = Pattern.compile(".*(Builder|BuilderImpl|Cmd|Command|Instruction|Plan|PlanImpl)$");
    private static final int MAX_WALK_DEPTH = 4;

    private static final Set<Class<?>> SINGLE_JOB_COMMANDS = Set.of(DeleteJobCmd.class, ExecuteJobsCmd.class, SetJobRetriesCmd.class,
            SetJobDuedateCmd.class, RecalculateJobDuedateCmd.class, SetJobPriorityCmd.class, UnlockJobCmd.class);

    private final TaskForms forms = new TaskForms();

    @Override
    public <T> T execute(Command<T> command) {
        if (command instanceof FailedJobListener listener && refusedBeforeRunning(listener)) {
            // the job never ran: a refused caller neither spends its retries nor leaves an exception on it
            return null;
        }
        if (OUTERMOST.get() != command) return next.execute(command);
        check(command);
        if (!(command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd)) return next.execute(command);
        try {
            return next.execute(command);
        } catch (RuntimeException e) {
            throw asBadInput(e);
        }
    }

    /**
     * A task's listeners check what the form brought (a carve-out that leaves no territory, a malformed source
     * request) and refuse it with {@link InvalidInputException}; the engine wraps that as a failed listener, which
     * Camunda's REST answers 500. For a user's completion it is bad input: a 400 naming the field, as the API answers.
     */
    private static RuntimeException asBadInput(RuntimeException e) {
        if (Context.getCommandContext() == null || Context.getCommandContext().getAuthentication() == null) return e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidInputException bad) return new ProcessDataRefusal.FormContractViolation(bad.getMessage());
            if (t instanceof io.reelflow.platform.web.ConflictException conflict) {
                // a decision the records refuse (a renewal colliding with another grant): the user's to change, not a server error
                String detail = conflict.differences().isEmpty() ? "" : ": " + conflict.differences().get(0).field() + ": " + conflict.differences().get(0).reason();
                return new ProcessDataRefusal.FormContractViolation(conflict.getMessage() + detail);
            }
        }
        return e;
    }

    /**
     * Marks the outermost command of a thread, before the transaction starts: so the commands the service runs
     * inside it (delegates, listeners) and after its commit (transaction synchronizations on the same thread,
     * such as the delivery inbox handing a waiting event to the task a completion led to) count as the service's,
     * not as the caller's; those after the commit run without the caller's authentication.
     */
    static final class Outermost extends CommandInterceptor {

        private final ProcessEngineConfigurationImpl configuration;

        Outermost(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public <T> T execute(Command<T> command) {
            if (OUTERMOST.get() != null) {
                if (Context.getCommandContext() != null) return next.execute(command); // inside the command: a delegate or listener
                // after the caller's command has closed, before the call returns: the service's own follow-up work
                // (a transaction synchronization once the completion committed) runs as the service, as it would anywhere else
                IdentityService identity = configuration.getIdentityService();
                Authentication caller = identity.getCurrentAuthentication();
                if (caller == null) return next.execute(command);
                identity.clearAuthentication();
                try {
                    return next.execute(command);
                } finally {
                    identity.setAuthentication(caller);
                }
            }
            OUTERMOST.set(command);
            try {
                return next.execute(command);
            } finally {
                OUTERMOST.remove();
            }
        }
    }

    private void check(Command<?> command) {
        CommandContext ctx = Context.getCommandContext();
        Authentication auth = ctx == null ? null : ctx.getAuthentication();
        if (auth == null || auth.getUserId() == null) return; // the service's own code and the job executor
        boolean admin = ctx.getAuthorizationManager().isCamundaAdmin(auth);

        // completing a task: the form, for everyone
        if (command instanceof CompleteTaskCmd c) {
            checkTask(ctx, field(c, "taskId"), c, "variables", ProcessDataRefusal::forCompletion);
            return;
        }
        if (command instanceof SubmitTaskFormCmd c) {
            checkTask(ctx, field(c, "taskId"), c, "properties", ProcessDataRefusal::forCompletion);
            return;
        }
        if (command instanceof HandleTaskBpmnErrorCmd || command instanceof HandleTaskEscalationCmd) {
            checkTask(ctx, field(command, "taskId"), command, "variables", ProcessDataRefusal::forVariableRequest);
            return;
        }
        if (admin) return;

        // a task's variables outside its completion: the form, for non-admins
        if (command instanceof SetTaskVariablesCmd c) {
            checkTask(ctx, field(c, "entityId"), c, "variables", ProcessDataRefusal::forVariableRequest);
            return;
        }
        if (command instanceof PatchTaskVariablesCmd c) {
            Collection<?> deletions = field(c, "deletions");
            if (deletions != null && !deletions.isEmpty()) {
                throw ProcessDataRefusal.adminsOnly("Removing variables is reserved to admins: " + deletions);
            }
            // the variables endpoint answers only an authorization failure with a 4xx
            checkTask(ctx, field(c, "entityId"), c, "variables", ProcessDataRefusal::adminsOnly);
            return;
        }
        if (command instanceof RemoveTaskVariablesCmd || command instanceof AbstractRemoveVariableCmd) {
            throw ProcessDataRefusal.adminsOnly("Removing variables is reserved to admins: " + field(command, "variableNames"));
        }
        if (command instanceof AbstractPatchVariablesCmd) {
            throw ProcessDataRefusal.adminsOnly("Writing process variables outside a task's form is reserved to admins: "
                    + names(field(command, "variables")) + removals(field(command, "deletions")));
        }

        // jobs
        checkJobs(ctx, command);

        // anything else that writes variables
        List<String> carried = new ArrayList<>();
        collectVariables(command, carried, new IdentityHashMap<>(), 0);
        if (!carried.isEmpty()) {
            throw ProcessDataRefusal.adminsOnly("Writing process variables outside a task's form is reserved to admins: " + String.join(", ", carried));
        }
    }

    // ------------------------------------------------------------------------------------------------
    // tasks

    private void checkTask(CommandContext ctx, String taskId, Object command, String variablesField,
                           Function<String, ProcessEngineException> refusal) {
        Map<String, ?> variables = field(command, variablesField);
        if (variables == null || variables.isEmpty() || taskId == null) return;
        TaskEntity task = ctx.getTaskManager().findTaskById(taskId);
        if (task == null) return; // the command itself answers "no such task"
        if (task.getExecutionId() == null && task.getCaseExecutionId() == null) return; // a standalone task holds no process data
        FormContract contract = forms.contractOf(ctx, task);

        Map<String, SubmittedValue> submitted = new LinkedHashMap<>();
        VariableMap typed = variables instanceof VariableMap vm ? vm : null;
        for (String name : variables.keySet()) {
            submitted.put(name, SubmittedValue.of(typed != null ? typed.getValueTyped(name) : variables.get(name)));
        }
        FormContract.Verdict verdict = contract.check(submitted, name -> SubmittedValue.of(task.getVariableTyped(name, false)));
        if (verdict.refused()) {
            List<String> writable = contract.writableKeys();
            if (verdict.violations().stream().allMatch(v -> writable.contains(v.substring(0, Math.max(0, v.indexOf(':')))))) {
                // the form's own fields with values it does not take (a mistyped date): the field and the reason, plainly
                throw refusal.apply(String.join("; ", verdict.violations()));
            }
            throw refusal.apply("Task '" + task.getName() + "' (" + task.getTaskDefinitionKey() + ") accepts only the fields of its form "
                    + (contract.fields().isEmpty() ? "'" + contract.formId() + "', which declares none"
                       : "'" + contract.formId() + "' " + (writable.isEmpty() ? "(none writable)" : writable))
                    + ": " + String.join("; ", verdict.violations()));
        }
        if (!verdict.unchangedReadonly().isEmpty()) {
            // a read-only field sent back as shown: nothing to write
            VariableMap kept = Variables.createVariables();
            for (String name : variables.keySet()) {
                if (verdict.unchangedReadonly().contains(name)) continue;
                if (typed != null) kept.putValueTyped(name, typed.getValueTyped(name));
                else kept.put(name, variables.get(name));
            }
            setField(command, variablesField, kept);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // jobs

    /**
     * The engine records every failed execution of a job on the job (retries down by one, the exception kept),
     * a refused one too: after {@code executeJob} by a caller who may not, that would be a change by the
     * refused caller. Only failures from a caller's authorization count (the job executor carries none).
     */
    private static boolean refusedBeforeRunning(FailedJobListener listener) {
        JobFailureCollector collector = fieldOrNull(listener, "jobFailureCollector");
        return collector != null && collector.getFailure() instanceof AuthorizationException;
    }

    private static void checkJobs(CommandContext ctx, Command<?> command) {
        if (command instanceof AbstractSetJobsRetriesBatchCmd || command instanceof DeleteJobsCmd
                || command instanceof AbstractSetJobDefinitionStateCmd || command instanceof SetJobDefinitionPriorityCmd) {
            throw ProcessDataRefusal.adminsOnly("Changing jobs in bulk or job definitions is reserved to admins");
        }
        if (!(command instanceof AbstractSetJobStateCmd) && !SINGLE_JOB_COMMANDS.contains(command.getClass())) return;
        List<String> jobIds = new ArrayList<>();
        String jobId = fieldOrNull(command, "jobId");
        if (jobId != null) jobIds.add(jobId);
        List<String> many = fieldOrNull(command, "jobIds");
        if (many != null) jobIds.addAll(many);
        for (String id : jobIds) {
            JobEntity job = ctx.getJobManager().findJobById(id);
            if (job != null && job.getProcessDefinitionKey() == null) {
                throw ProcessDataRefusal.adminsOnly("Job " + id + " belongs to no process (" + job.getJobHandlerType()
                        + "): the engine's own jobs are reserved to admins");
            }
        }
        String jobDefinitionId = fieldOrNull(command, "jobDefinitionId");
        if (jobDefinitionId != null) {
            JobDefinitionEntity definition = ctx.getJobDefinitionManager().findById(jobDefinitionId);
            if (definition != null && definition.getProcessDefinitionKey() == null) {
                throw ProcessDataRefusal.adminsOnly("Job definition " + jobDefinitionId + " belongs to no process: reserved to admins");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // reflection on the engine's commands (their fields are protected; names checked against camunda-engine 7.24)

    /** Names of the non-empty variable maps a command carries, looking into its builders, instructions and plans. */
    static void collectVariables(Object o, List<String> found, IdentityHashMap<Object, Boolean> seen, int depth) {
        if (o == null || depth > MAX_WALK_DEPTH || seen.put(o, Boolean.TRUE) != null) return;
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) continue;
                Object value = read(f, o);
                if (value == null) continue;
                if (value instanceof Map<?, ?> map) {
                    if (!map.isEmpty() && VARIABLE_FIELD.matcher(f.getName()).matches()) {
                        for (Object k : map.keySet()) found.add(String.valueOf(k));
                    }
                } else if (value instanceof Collection<?> items) {
                    for (Object item : items) if (isCarrier(item)) collectVariables(item, found, seen, depth + 1);
                } else if (isCarrier(value)) {
                    collectVariables(value, found, seen, depth + 1);
                }
            }
        }
    }

    private static boolean isCarrier(Object o) {
        return o != null && o.getClass().getName().startsWith("org.camunda.bpm.engine.impl.")
                && CARRIER_CLASS.matcher(o.getClass().getSimpleName()).matches();
    }

    private static Object read(Field f, Object o) {
        try {
            f.setAccessible(true);
            return f.get(o);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** A field the command must have (a changed engine fails loudly, not open). */
    @SuppressWarnings("unchecked")
    static <T> T field(Object o, String name) {
        Field f = find(o.getClass(), name);
        if (f == null) throw new IllegalStateException(o.getClass().getName() + " has no field '" + name + "': the process data guard needs updating");
        try {
            f.setAccessible(true);
            return (T) f.get(o);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T fieldOrNull(Object o, String name) {
        Field f = find(o.getClass(), name);
        return f == null ? null : (T) read(f, o);
    }

    private static void setField(Object o, String name, Object value) {
        Field f = find(o.getClass(), name);
        if (f == null) throw new IllegalStateException(o.getClass().getName() + " has no field '" + name + "'");
        try {
            f.setAccessible(true);
            f.set(o, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field find(Class<?> c, String name) {
        for (; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return null;
    }

    private static String names(Map<?, ?> variables) {
        return variables == null ? "[]" : variables.keySet().toString();
    }

    private static String removals(Collection<?> deletions) {
        return deletions == null || deletions.isEmpty() ? "" : ", removing " + deletions;
    }
}
