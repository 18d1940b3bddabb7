package io.reelflow.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import io.reelflow.support.ReelflowSpringTest;
import org.springframework.context.ApplicationContext;

/**
 * Reads every model in processes/ with the Camunda BPMN Model API and checks the house conventions:
 * delegate beans exist, forms exist and match, candidate groups, due dates and names, TTL, retries,
 * timers parse, diagram for every element, file name = process id.
 */
@ReelflowSpringTest
class ProcessModelConventionsTest {

    private static final Path PROCESSES = Path.of("processes");
    private static final Path FORMS = Path.of("forms");
    private static final Pattern BEAN = Pattern.compile("^\\$\\{([A-Za-z][A-Za-z0-9]*)}$");

    /**
     * Service tasks that run in the job of the asynchronous step before them instead of a job of their own (a job
     * costs its acquisition, lock, history and delete): the step whose job runs them, and so retries them and raises
     * the incident when they keep failing. Every other service task starts a job (asyncBefore + retry cycle).
     */
    private static final Map<String, String> RUN_IN_JOB_OF = Map.of(
            "deal-lifecycle/grantRights", "deal-lifecycle/checkTerritoryConflicts",
            "window-watch/openLicenceWindow", "deal-lifecycle/checkTerritoryConflicts (its grant starts the window watch)",
            "fee-instalment/prepareInstalment", "licence-fee/computeRoyaltySchedule or licence-fee/computeOverage",
            "licence-fee/computeRoyaltySchedule", "deal-lifecycle/checkTerritoryConflicts (its grant starts the licence fee)",
            "deal-lifecycle/startTitleDeliveries", "deal-lifecycle/checkTerritoryConflicts (after the grant)",
            "deal-lifecycle/startLicenceFee", "deal-lifecycle/checkTerritoryConflicts (after the grant)",
            "netflix-delivery/createDelivery", "deal-lifecycle/checkTerritoryConflicts (its grant starts each title's delivery)",
            "window-watch/planWindowTimers", "deal-lifecycle/checkTerritoryConflicts (first plan), the renewal decision or the amendment (plans again)");

    @Autowired
    ApplicationContext context;

    @TestFactory
    Stream<DynamicTest> everyModelFollowsTheConventions() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(PROCESSES)) {
            files = s.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
        }
        assertThat(files).as("models in processes/").isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }

    @TestFactory
    Stream<DynamicTest> everyFormIsUsedAndWellFormed() throws IOException {
        List<Path> forms;
        try (Stream<Path> s = Files.list(FORMS)) {
            forms = s.filter(p -> p.toString().endsWith(".form")).sorted().toList();
        }
        return forms.stream().map(form -> DynamicTest.dynamicTest(form.getFileName().toString(), () -> {
            JsonNode schema = new ObjectMapper().readTree(form.toFile());
            String id = form.getFileName().toString().replace(".form", "");
            assertThat(schema.path("id").asText()).as("form id = file name").isEqualTo(id);
            assertThat(schema.path("executionPlatform").asText()).isEqualTo("Camunda Platform");
            List<String> keys = new ArrayList<>();
            schema.path("components").forEach(c -> {
                if (c.has("key")) keys.add(c.get("key").asText());
            });
            assertThat(keys).as("input fields of " + id).isNotEmpty().doesNotHaveDuplicates();
            assertThat(usedBySomeUserTask(id)).as("form " + id + " is referenced by a user task").isTrue();
        }));
    }

    private void check(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        Bpmn.validateModel(model);
        String definitions = model.getDefinitions().getDomElement().getAttribute("http://camunda.org/schema/modeler/1.0", "executionPlatform");
        assertThat(definitions).as("modeler:executionPlatform").isEqualTo("Camunda Platform");
        assertThat(model.getDefinitions().getDomElement().getAttribute("http://camunda.org/schema/modeler/1.0", "executionPlatformVersion"))
                .isEqualTo("7.24.0");

        List<Process> processes = new ArrayList<>(model.getModelElementsByType(Process.class));
        assertThat(processes).hasSize(1);
        Process process = processes.get(0);
        assertThat(file.getFileName().toString()).as("file name = process id").isEqualTo(process.getId() + ".bpmn");
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getCamundaHistoryTimeToLiveString()).as("historyTimeToLive of " + process.getId()).isNotBlank();

        List<String> shapes = model.getModelElementsByType(BpmnShape.class).stream().map(s -> s.getBpmnElement().getId()).toList();
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            assertThat(shapes).as("diagram shape for " + node.getId()).contains(node.getId());
            assertThat(node.getId()).as("readable camelCase id").matches("[a-z][A-Za-z0-9]*");
        }
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            assertThat(model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge.class).stream()
                    .anyMatch(e -> e.getBpmnElement() == flow)).as("diagram edge for " + flow.getId()).isTrue();
        }

        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            String where = process.getId() + "/" + task.getId();
            assertThat(task.getCamundaDelegateExpression()).as("delegateExpression of " + where).isNotBlank();
            String bean = bean(task.getCamundaDelegateExpression(), where);
            assertThat(task.getCamundaDelegateExpression()).as("bean named after the task: " + where).isEqualTo("${" + task.getId() + "}");
            assertThat(context.getBean(bean)).as("bean " + bean).isInstanceOf(JavaDelegate.class);
            List<?> retryCycles = task.getExtensionElements() == null ? List.of()
                    : task.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class).list();
            if (RUN_IN_JOB_OF.containsKey(where)) {
                assertThat(task.isCamundaAsyncBefore()).as("no job of its own for " + where + ": it runs in the job of "
                        + RUN_IN_JOB_OF.get(where)).isFalse();
                assertThat(retryCycles).as("no retry cycle of its own on " + where).isEmpty();
                continue;
            }
            assertThat(task.isCamundaAsyncBefore()).as("asyncBefore on " + where).isTrue();
            assertThat(retryCycles).as("failedJobRetryTimeCycle on " + where).hasSize(1);
        }

        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            String where = process.getId() + "/" + task.getId();
            assertThat(task.getCamundaCandidateGroups()).as("candidateGroups of " + where).isNotBlank();
            assertThat(task.getCamundaFormRef()).as("formRef of " + where).isNotBlank();
            assertThat(task.getCamundaFormRefBinding()).as("formRefBinding of " + where).isEqualTo("deployment");
            assertThat(FORMS.resolve(task.getCamundaFormRef() + ".form")).as("form file of " + where).exists();
            assertThat(task.getCamundaDueDate()).as("due date of " + where).isNotBlank();
            // the live name (deal, title, track, attempt) and the description come from the process's labeller
            io.reelflow.platform.process.TaskLabeller labeller = context.getBean(io.reelflow.platform.process.TaskLabelsPlugin.class)
                    .labellerOf(process.getId());
            assertThat(labeller).as("a TaskLabeller names the tasks of " + process.getId()).isNotNull();
            assertThat(labeller.description(process.getId(), task.getId())).as("description of " + where).isNotBlank();
            assertThat(task.getName()).as("static diagram label of " + where).isNotBlank().doesNotContain("${");
            if (task.getExtensionElements() != null) {
                for (CamundaTaskListener l : task.getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class).list()) {
                    String listenerBean = bean(l.getCamundaDelegateExpression(), where + " task listener");
                    assertThat(context.getBean(listenerBean)).as("bean " + listenerBean).isInstanceOf(TaskListener.class);
                }
            }
        }

        for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
            String expression = timer.getTimeDuration() != null ? timer.getTimeDuration().getTextContent()
                    : timer.getTimeDate() != null ? timer.getTimeDate().getTextContent()
                    : timer.getTimeCycle() != null ? timer.getTimeCycle().getTextContent() : null;
            assertThat(expression).as("timer definition in " + process.getId()).isNotBlank();
            if (!expression.contains("${") && timer.getTimeDuration() != null) {
                parseDuration(expression.strip());
            }
        }
    }

    private static String bean(String expression, String where) {
        Matcher m = BEAN.matcher(expression == null ? "" : expression);
        assertThat(m.matches()).as("delegate expression ${bean} in " + where + ": " + expression).isTrue();
        return m.group(1);
    }

    private static void parseDuration(String iso) {
        try {
            javax.xml.datatype.DatatypeFactory.newInstance().newDuration(iso);
        } catch (Exception e) {
            throw new AssertionError("timer duration '" + iso + "' is not an ISO 8601 duration", e);
        }
    }

    private static boolean usedBySomeUserTask(String formId) throws IOException {
        try (Stream<Path> s = Files.list(PROCESSES)) {
            return s.filter(p -> p.toString().endsWith(".bpmn")).anyMatch(p -> Bpmn.readModelFromFile(p.toFile())
                    .getModelElementsByType(UserTask.class).stream().anyMatch(t -> formId.equals(t.getCamundaFormRef())));
        }
    }
}
