package io.reelflow.platform.process;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeploymentResourceCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;

/**
 * The form contract of a task, read from the Camunda Form the task is deployed with ({@code camunda:formRef},
 * resolved as Tasklist resolves it, or a {@code camunda-forms:deployment:} form key). Parsed contracts are kept
 * per form definition (a deployed form never changes), so a completion costs a lookup, not a parse.
 */
final class TaskForms {

    private static final int MAX_CACHED = 1_000;

    private final Map<String, FormContract> byFormDefinition = new ConcurrentHashMap<>();

    /** The contract of an open task; must run inside a command context. */
    FormContract contractOf(CommandContext ctx, TaskEntity task) {
        String what = "task '" + task.getName() + "' (" + task.getTaskDefinitionKey() + ")";
        if (task.getTaskDefinition() == null) return FormContract.none(what + " has no form");
        TaskFormData form = ctx.runWithoutAuthorization(new GetTaskFormCmd(task.getId()));
        if (form == null) return FormContract.none(what + " has no form");
        CamundaFormRef ref = form.getCamundaFormRef();
        if (ref != null && ref.getKey() != null) {
            CamundaFormDefinition definition = ctx.runWithoutAuthorization(new GetCamundaFormDefinitionCmd(ref, form.getDeploymentId()));
            if (definition == null) throw new IllegalStateException(what + ": no deployed Camunda Form for " + ref.getKey());
            return cached("ref:" + definition.getId(), () -> ctx.runWithoutAuthorization(
                    new GetDeploymentResourceCmd(definition.getDeploymentId(), definition.getResourceName())));
        }
        String key = form.getFormKey();
        if (key != null && key.startsWith("camunda-forms:")) {
            return cached("key:" + form.getDeploymentId() + ":" + key, () -> ctx.runWithoutAuthorization(new GetDeployedTaskFormCmd(task.getId())));
        }
        return FormContract.none(what + " has no Camunda Form" + (key == null ? "" : " (form key " + key + ")"));
    }

    private FormContract cached(String id, java.util.function.Supplier<InputStream> resource) {
        FormContract contract = byFormDefinition.get(id);
        if (contract != null) return contract;
        try (InputStream in = resource.get()) {
            contract = FormContract.parse(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the deployed form " + id, e);
        }
        if (byFormDefinition.size() >= MAX_CACHED) byFormDefinition.clear();
        byFormDefinition.put(id, contract);
        return contract;
    }
}
