package io.reelflow.platform.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import io.reelflow.support.ApiTestSupport;
import io.reelflow.support.WebappSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * For every user task of every model in processes/ (read with the BPMN Model API, so a new task is covered
 * without touching this test): the role that works it, through the engine API that Tasklist calls (real HTTP,
 * a real Tasklist session), and an admin through /engine-rest, try to complete it or write its variables with
 * what its form does not declare, or with a value of the wrong kind. Each try is refused with 4xx naming the
 * variable, and the task stays open with the process's variables as they were.
 *
 * <p>Each task is reached by starting its process at that task (process-instance modification, as the service's
 * own code, without listeners): the form contract depends on the deployed form only, and a refused command never
 * runs the task's listeners.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskFormContractTest extends ApiTestSupport {

    private static final Path PROCESSES = Path.of("processes");
    private static final Path FORMS = Path.of("forms");
    /** Ids a form must never set: which deal, delivery, track or instalment a task acts on. */
    private static final List<String> FOREIGN_IDS = List.of("dealId", "deliveryId", "trackId", "instalmentId");
    private static final Map<String, String> WORKER_OF_GROUP = Map.of(
            "rights-managers", "rita", "delivery-coordinators", "dave", "finance", "fiona", "managers", "mark");
    private static final Set<String> EL_WORDS = Set.of("true", "false", "null", "empty", "not", "and", "or", "eq", "ne", "lt", "gt",
            "le", "ge", "div", "mod", "instanceof", "execution", "task", "authenticatedUserId");
    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![.\\w'\"])([A-Za-z_]\\w*)(?![\\w(.'\"])");

    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ApplicationContext context;

    private final Map<String, WebappSession> sessions = new HashMap<>();

    record UserTaskCase(String processId, String taskId, String group, String formId, Path file) {
        @Override
        public String toString() {
            return processId + " › " + taskId + " (" + group + ", form " + formId + ")";
        }
    }

    static Stream<UserTaskCase> userTasks() throws IOException {
        List<UserTaskCase> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(PROCESSES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList()) {
                BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
                for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                    String groups = task.getCamundaCandidateGroups();
                    String group = groups == null ? null : groups.split(",")[0].trim();
                    cases.add(new UserTaskCase(processOf(task).getId(), task.getId(), group, task.getCamundaFormRef(), file));
                }
            }
        }
        return cases.stream();
    }

    @Test
    void theModelsHaveUserTasksAndEachNamesAGroupThatWorksItAndAForm() throws IOException {
        List<UserTaskCase> all = userTasks().toList();
        assertThat(all).hasSizeGreaterThan(10);
        for (UserTaskCase c : all) {
            assertThat(WORKER_OF_GROUP).as(c + ": a candidate group with a worker").containsKey(c.group());
            assertThat(FORMS.resolve(c.formId() + ".form")).as(c + ": its form").exists();
        }
    }

    @Test
    void everyDeployedFormParsesAndEveryFieldHasAKindTheContractKnows() throws IOException {
        try (Stream<Path> files = Files.list(FORMS)) {
            for (Path form : files.filter(p -> p.toString().endsWith(".form")).toList()) {
                FormContract contract = parse(form);
                assertThat(contract.writableKeys()).as(form + ": at least one field to fill in").isNotEmpty();
                contract.fields().values().forEach(f ->
                        assertThat(f.kind()).as(form + " › " + f.key() + " (" + f.type() + ")").isNotEqualTo(FormContract.Kind.UNSUPPORTED));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("userTasks")
    void aTaskTakesOnlyItsOwnFormsFieldsFromItsWorkerAndFromAnAdmin(UserTaskCase c) throws IOException {
        ProcessInstance pi = startAt(c);
        try {
            String taskId = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(c.taskId()).singleResult().getId();
            Map<String, Object> before = runtime.getVariables(pi.getId());
            FormContract form = parse(FORMS.resolve(c.formId() + ".form"));
            FormContract.Field field = form.fields().get(form.writableKeys().get(0));
            String wrong = wrongValueFor(field.kind());
            WebappSession worker = session(WORKER_OF_GROUP.get(c.group()));

            String foreignIds = FOREIGN_IDS.stream().map(id -> "\"" + id + "\": {\"value\": 4711}").reduce((a, b) -> a + ", " + b).orElseThrow();
            List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
            // Tasklist's own call, with other records' ids: refused, each id named
            checks.add(() -> {
                WebappSession.Answer a = worker.engine("POST", "/task/" + taskId + "/submit-form", "{\"variables\": {" + foreignIds + "}}");
                assertThat(a.status()).as("submit-form with foreign ids: " + a).isEqualTo(400);
                FOREIGN_IDS.forEach(id -> assertThat(a.body()).contains(id + ": not a field of the form"));
            });
            // the first field to fill in, with a value of the wrong kind
            checks.add(() -> {
                WebappSession.Answer a = worker.engine("POST", "/task/" + taskId + "/complete", "{\"variables\": {\"" + field.key() + "\": " + wrong + "}}");
                assertThat(a.status()).as("complete with a wrong type: " + a).isEqualTo(400);
                assertThat(a.body()).contains(field.key() + ": expected " + field.kind().expected);
            });
            // the task's variables, set directly
            checks.add(() -> {
                WebappSession.Answer a = worker.engine("PUT", "/task/" + taskId + "/variables/dealId", "{\"value\": 4711}");
                assertThat(a.status()).as("put task variable: " + a).isEqualTo(400);
                assertThat(a.body()).contains("dealId: not a field of the form");
            });
            checks.add(() -> {
                WebappSession.Answer a = worker.engine("PUT", "/task/" + taskId + "/localVariables/" + field.key(), "{\"value\": " + wrong + "}");
                assertThat(a.status()).as("put task-local variable of the wrong kind: " + a).isEqualTo(400);
                assertThat(a.body()).contains(field.key() + ": expected");
            });
            checks.add(() -> {
                WebappSession.Answer a = worker.engine("POST", "/task/" + taskId + "/variables", "{\"modifications\": {\"deliveryId\": {\"value\": 1}}}");
                assertThat(a.status()).as("modify task variables: " + a).isEqualTo(403);
                assertThat(a.body()).contains("deliveryId: not a field of the form");
            });
            checks.add(() -> {
                WebappSession.Answer a = worker.engine("DELETE", "/task/" + taskId + "/variables/" + before.keySet().stream().findFirst().orElse("x"), null);
                assertThat(a.status()).as("remove a variable through the task: " + a).isEqualTo(403);
            });
            // a BPMN error or escalation raised from the task carries variables too
            checks.add(() -> {
                WebappSession.Answer a = worker.engine("POST", "/task/" + taskId + "/bpmnError",
                        "{\"errorCode\": \"tamper\", \"variables\": {\"dealId\": {\"value\": 4711}}}");
                assertThat(a.status()).as("bpmnError with a foreign id: " + a).isEqualTo(400);
                assertThat(a.body()).contains("dealId: not a field of the form");
            });
            checks.add(() -> {
                WebappSession.Answer a = worker.engine("POST", "/task/" + taskId + "/bpmnEscalation",
                        "{\"escalationCode\": \"tamper\", \"variables\": {\"trackId\": {\"value\": 1}}}");
                assertThat(a.status()).as("bpmnEscalation with a foreign id: " + a).isEqualTo(400);
                assertThat(a.body()).contains("trackId: not a field of the form");
            });
            // an admin completing the task is held to its form as well
            checks.add(() -> {
                Response a = post("admin", "/engine-rest/task/" + taskId + "/complete", "application/json", "{\"variables\": {" + foreignIds + "}}");
                assertThat(a.status()).as("admin completes with foreign ids: " + a).isEqualTo(400);
                FOREIGN_IDS.forEach(id -> assertThat(a.body()).contains(id + ": not a field of the form"));
            });
            checks.add(() -> {
                Response a = post("admin", "/engine-rest/task/" + taskId + "/submit-form", "application/json",
                        "{\"variables\": {\"" + field.key() + "\": " + wrong + "}}");
                assertThat(a.status()).as("admin submits a wrong type: " + a).isEqualTo(400);
            });
            assertAll(c.toString(), checks);

            // nothing changed: the task is open, the process's variables are what they were, the task has none of its own
            assertThat(tasks.createTaskQuery().taskId(taskId).count()).as("the task is still open").isEqualTo(1);
            assertThat(runtime.getVariables(pi.getId())).as("the process's variables").isEqualTo(before);
            assertThat(tasks.getVariablesLocal(taskId)).as("no variable written on the task").isEmpty();
        } finally {
            runtime.deleteProcessInstance(pi.getId(), "form contract test done", true, true);
        }
    }

    /**
     * A real conflict, in a rights manager's Tasklist session, with the body Tasklist itself sends (form-js submits
     * the read-only conflict list with the value it showed, and leaves out the fields hidden by the decision).
     */
    @Test
    void theConflictFormAsTasklistSubmitsItAndTamperedCopiesOfIt() {
        long title = createTitle(unique("Form Contract Title"), "en");
        createRightsIn(title, "[\"FR\"]", "[\"SVOD\"]", "2026-01-01", "2030-12-31", true);
        String deal = unique("FORM-CONFLICT");
        assertThat(postJson("crm", "/api/deals", dealJson(deal, title, "[\"ES\"]", "2027-01-01", "2027-12-31")).status()).isEqualTo(201);
        runJobs();
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("resolveRightsConflict").singleResult();
        assertThat(task).isNotNull();
        WebappSession rita = session("rita");
        WebappSession.Answer shown = rita.engine("GET", "/task/" + task.getId() + "/form-variables?deserializeValues=false", null);
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        String summary = json(shown.body()).path("conflictSummary").path("value").asText("");
        assertThat(summary).as("the conflict list the form shows").contains("ES");
        Map<String, Object> before = runtime.getVariables(task.getProcessInstanceId());

        // the read-only list, edited
        WebappSession.Answer edited = rita.engine("POST", "/task/" + task.getId() + "/submit-form", submitBody(summary + " (edited)", "WITHDRAW"));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(400);
        assertThat(edited.body()).contains("conflictSummary: a read-only field of the form");
        // another deal's id smuggled in
        WebappSession.Answer smuggled = rita.engine("POST", "/task/" + task.getId() + "/submit-form",
                submitBody(summary, "WITHDRAW", "dealId"));
        assertThat(smuggled.status()).as(smuggled.toString()).isEqualTo(400);
        assertThat(smuggled.body()).contains("dealId: not a field of the form");
        assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("the task is still open").isEqualTo(1);
        assertThat(runtime.getVariables(task.getProcessInstanceId())).isEqualTo(before);
        assertThat(get("crm", "/api/deals/" + deal).json().get("status").asText()).isEqualTo("CONFLICT");

        // a decision the task's own listener refuses (carving out every territory): bad input, not a server error
        Map<String, Object> carveAll = new LinkedHashMap<>();
        carveAll.put("conflictSummary", Map.of("value", summary));
        carveAll.put("resolution", Map.of("value", "CARVE_OUT"));
        carveAll.put("carveOutTerritories", Map.of("value", "ES"));
        WebappSession.Answer refused = rita.engine("POST", "/task/" + task.getId() + "/submit-form", jsonOf(Map.of("variables", carveAll)));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.body()).contains("carveOutTerritories");
        assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("the task is still open").isEqualTo(1);
        assertThat(get("crm", "/api/deals/" + deal).json().get("status").asText()).isEqualTo("CONFLICT");

        // what Tasklist sends: accepted, and the read-only list is not written again
        long updatesBefore = count("SELECT count(*) FROM act_hi_detail WHERE proc_inst_id_ = ? AND name_ = 'conflictSummary'", task.getProcessInstanceId());
        WebappSession.Answer genuine = rita.engine("POST", "/task/" + task.getId() + "/submit-form", submitBody(summary, "WITHDRAW"));
        assertThat(genuine.status()).as(genuine.toString()).isEqualTo(204);
        assertThat(count("SELECT count(*) FROM act_hi_detail WHERE proc_inst_id_ = ? AND name_ = 'conflictSummary'", task.getProcessInstanceId()))
                .as("no new value of the read-only field").isEqualTo(updatesBefore);
        runJobs();
        assertThat(get("crm", "/api/deals/" + deal).json().get("status").asText()).isEqualTo("WITHDRAWN");
    }

    /**
     * What the service does after a Tasklist completion has committed, on the same request thread (the inbox
     * handing a waiting package to the task the completion led to), is the service's own work, not the user's.
     */
    @Test
    void anInboxHandOverAfterATasklistCompletionRunsAsTheService() throws IOException {
        long title = createTitle(unique("Form Inbox Title"), "en");
        createRightsIn(title, "[\"FR\"]", "[\"SVOD\"]", "2026-01-01", "2030-12-31", true);
        String deal = unique("FORM-INBOX");
        assertThat(postJson("crm", "/api/deals", dealJson(deal, title, "[\"FR\"]", "2027-01-01", "2027-12-31")).status()).isEqualTo(201);
        runJobs();
        Task setup = tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("setUpBacklot").singleResult();
        tasks.complete(setup.getId(), Map.of("backlotTitleId", "81234567", "sourceRequests", "IMF package: SR-1"));
        runJobs();
        long deliveryId = get("dave", "/api/deliveries?crmDealId=" + deal).json().get(0).get("id").asLong();
        // the post house is early: its package arrives before anyone ordered it, and waits in the inbox
        String eventId = unique("pkg");
        Path imp = Files.createDirectories(Path.of("target/test-deliveries", deal, "imp1").toAbsolutePath()); // on the delivery storage
        Response early = postJson("crm", "/api/deliveries/" + deliveryId + "/events",
                "{\"eventId\": \"" + eventId + "\", \"type\": \"PACKAGE_READY\", \"packageLocation\": \"" + imp + "\"}");
        assertThat(early.status()).as(early.toString()).isEqualTo(202);
        assertThat(early.json().get("status").asText()).isEqualTo("PENDING");

        Task order = tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("orderImfPackage").singleResult();
        WebappSession.Answer done = session("dave").engine("POST", "/task/" + order.getId() + "/submit-form",
                "{\"variables\": {\"postHouse\": {\"value\": \"Pixel Lab\"}, \"purchaseOrder\": {\"value\": \"PO-1\"}, "
                        + "\"packageDueDate\": {\"value\": \"\"}, \"orderNote\": {\"value\": \"\"}}}");
        assertThat(done.status()).as(done.toString()).isEqualTo(204);
        assertThat(count("SELECT count(*) FROM delivery_event WHERE event_id = ? AND status = 'DELIVERED'", eventId))
                .as("handed over right after the completion committed, not left for the sweep").isEqualTo(1);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("awaitPackage").count()).isZero();
    }

    /**
     * What a coordinator mistypes in Tasklist is answered at the field, in plain words: a 400 naming the field and the
     * reason (no engine prefix, no 500), and nothing changes; the same date check on every form (2026-02-30 is no day).
     */
    @Test
    void aMistypeIsAPlainFieldErrorNotAServerError() throws IOException {
        long title = createTitle(unique("Form Field Title"), "en");
        createRightsIn(title, "[\"FR\"]", "[\"SVOD\"]", "2026-01-01", "2030-12-31", true);
        String deal = unique("FORM-FIELD");
        assertThat(postJson("crm", "/api/deals", dealJson(deal, title, "[\"FR\"]", "2027-01-01", "2027-12-31")).status()).isEqualTo(201);
        runJobs();
        WebappSession dave = session("dave");
        Task setup = tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("setUpBacklot").singleResult();
        assertThat(setup.getName()).endsWith(" — " + deal);
        // a source request the task's listener refuses: bad input at the field, not ENGINE-03051 in a 500
        WebappSession.Answer badId = dave.engine("POST", "/task/" + setup.getId() + "/submit-form",
                "{\"variables\": {\"backlotTitleId\": {\"value\": \"81234567\"}, \"sourceRequests\": {\"value\": \"IMF package:\"}}}");
        assertThat(badId.status()).as(badId.toString()).isEqualTo(400);
        assertThat(badId.body()).contains("sourceRequests: 'IMF package:' has no source request id after ':'").doesNotContain("ENGINE-", "TaskListener");
        assertThat(tasks.createTaskQuery().taskId(setup.getId()).count()).as("the task is still open").isEqualTo(1);
        tasks.complete(setup.getId(), Map.of("backlotTitleId", "81234567", "sourceRequests", "IMF package: SR-1"));
        runJobs();

        Task order = tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("orderImfPackage").singleResult();
        Map<String, Object> before = runtime.getVariables(order.getProcessInstanceId());
        for (String day : List.of("2026-02-30", "30/02/2026", "2026-13-01")) {
            WebappSession.Answer refused = dave.engine("POST", "/task/" + order.getId() + "/submit-form",
                    "{\"variables\": {\"postHouse\": {\"value\": \"Pixel Lab\"}, \"purchaseOrder\": {\"value\": \"PO-1\"}, "
                            + "\"packageDueDate\": {\"value\": \"" + day + "\"}, \"orderNote\": {\"value\": \"\"}}}");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.body()).contains("packageDueDate: '" + day + "' is not a day on the calendar (YYYY-MM-DD")
                    .doesNotContain("ENGINE-", "accepts only the fields", "\\\\d{4}");
        }
        assertThat(tasks.createTaskQuery().taskId(order.getId()).count()).as("the task is still open").isEqualTo(1);
        assertThat(runtime.getVariables(order.getProcessInstanceId())).isEqualTo(before);
        WebappSession.Answer fine = dave.engine("POST", "/task/" + order.getId() + "/submit-form",
                "{\"variables\": {\"postHouse\": {\"value\": \"Pixel Lab\"}, \"purchaseOrder\": {\"value\": \"PO-1\"}, "
                        + "\"packageDueDate\": {\"value\": \"2028-02-29\"}, \"orderNote\": {\"value\": \"\"}}}");
        assertThat(fine.status()).as(fine.toString()).isEqualTo(204);

        // a mistyped path in "Receive IMF package" is the coordinator's to fix: refused before anything is recorded
        // against the post house (no event, no inspection), the task stays open
        Task receive = tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("awaitPackage").singleResult();
        String typo = Path.of("target/test-deliveries", deal, "imp-typo").toAbsolutePath().toString();
        WebappSession.Answer missing = dave.engine("POST", "/task/" + receive.getId() + "/submit-form",
                "{\"variables\": {\"packageLocation\": {\"value\": \"" + typo + "\"}}}");
        assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
        assertThat(missing.body()).contains("packageLocation: '" + typo + "' does not exist on the delivery storage").doesNotContain("ENGINE-");
        WebappSession.Answer outside = dave.engine("POST", "/task/" + receive.getId() + "/submit-form",
                "{\"variables\": {\"packageLocation\": {\"value\": \"/etc\"}}}");
        assertThat(outside.status()).as(outside.toString()).isEqualTo(400);
        assertThat(outside.body()).contains("packageLocation: '/etc' is outside the delivery storage");
        assertThat(tasks.createTaskQuery().taskId(receive.getId()).count()).as("the task is still open").isEqualTo(1);
        long deliveryId = get("dave", "/api/deliveries?crmDealId=" + deal).json().get(0).get("id").asLong();
        assertThat(count("SELECT count(*) FROM delivery_event WHERE delivery_id = ?", deliveryId)).as("nothing recorded").isZero();
        assertThat(count("SELECT count(*) FROM inspection_request WHERE delivery_id = ?", deliveryId)).as("nothing inspected").isZero();
    }

    private String submitBody(String summary, String resolution, String... foreignIds) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (String id : foreignIds) variables.put(id, Map.of("value", 1));
        variables.put("conflictSummary", Map.of("value", summary));
        variables.put("resolution", Map.of("value", resolution));
        variables.put("resolutionNote", Map.of("value", ""));
        try {
            return json.writeValueAsString(Map.of("variables", variables));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String jsonOf(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private com.fasterxml.jackson.databind.JsonNode json(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(body, e);
        }
    }

    // ------------------------------------------------------------------------------------------------

    private static String wrongValueFor(FormContract.Kind kind) {
        return switch (kind) {
            case STRING -> "{\"value\": 42}";
            case NUMBER, LIST, OBJECT -> "{\"value\": \"not that kind\"}";
            case BOOLEAN -> "{\"value\": \"yes\"}";
            default -> throw new IllegalArgumentException("no wrong value for " + kind);
        };
    }

    private WebappSession session(String user) {
        return sessions.computeIfAbsent(user, u -> WebappSession.login(port, u, PASSWORD, "tasklist"));
    }

    static FormContract parse(Path form) throws IOException {
        try (InputStream in = Files.newInputStream(form)) {
            return FormContract.parse(in);
        }
    }

    /**
     * Starts the task's process at the task, as the service's own code (no authentication), without listeners and
     * input mappings, with a stand-in value for each variable the task's name, dates, groups and boundary timers use.
     */
    private ProcessInstance startAt(UserTaskCase c) {
        BpmnModelInstance model = Bpmn.readModelFromFile(c.file().toFile());
        UserTask task = model.getModelElementById(c.taskId());
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("instalmentNumber", 1); // the instalment whose days the timers and due dates read
        vars.put("titleId", realDealTitle);
        Date later = Date.from(Instant.now().plus(30, ChronoUnit.DAYS));
        standIns(vars, task.getName(), "Tamper test");
        task.getDocumentations().forEach(d -> standIns(vars, d.getTextContent(), "Tamper test"));
        standIns(vars, task.getCamundaDueDate(), later);
        standIns(vars, task.getCamundaFollowUpDate(), later);
        standIns(vars, task.getCamundaCandidateGroups(), c.group());
        standIns(vars, task.getCamundaPriority(), 50);
        for (BoundaryEvent boundary : model.getModelElementsByType(BoundaryEvent.class)) {
            if (boundary.getAttachedTo() != task) continue;
            for (TimerEventDefinition timer : boundary.getChildElementsByType(TimerEventDefinition.class)) {
                if (timer.getTimeDate() != null) standIns(vars, timer.getTimeDate().getTextContent(), later);
                if (timer.getTimeDuration() != null) standIns(vars, timer.getTimeDuration().getTextContent(), "P30D");
                if (timer.getTimeCycle() != null) standIns(vars, timer.getTimeCycle().getTextContent(), "R/P30D");
            }
        }
        // a real, granted deal: the timers and due dates read its window's plan and its instalments' days
        String key = c.processId().equals("royalty-statement") ? unique("FORM-CONTRACT") : realDeal();
        return runtime.createProcessInstanceByKey(c.processId()).businessKey(key)
                .startBeforeActivity(c.taskId()).setVariables(vars).execute(true, true);
    }

    private static String realDeal;
    private static long realDealTitle;

    private synchronized String realDeal() {
        if (realDeal == null) {
            realDealTitle = createTitle(unique("Form Contract Title"), "en");
            createRightsIn(realDealTitle, "[\"FR\"]", "[\"SVOD\"]", "2026-01-01", "2035-12-31", true);
            String crm = unique("FORM-CONTRACT");
            Response r = postJson("crm", "/api/deals", dealJson(crm, realDealTitle, "[\"FR\"]", "2027-01-01", "2028-12-31"));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            runJobs();
            realDeal = crm;
        }
        return realDeal;
    }

    private void standIns(Map<String, Object> vars, String text, Object value) {
        if (text == null) return;
        Matcher expression = EXPRESSION.matcher(text);
        while (expression.find()) {
            Matcher id = IDENTIFIER.matcher(expression.group(1));
            while (id.find()) {
                String name = id.group(1);
                if (EL_WORDS.contains(name) || context.containsBean(name)) continue;
                vars.putIfAbsent(name, value instanceof String s && s.equals("Tamper test") ? "Tamper " + name : value);
            }
        }
    }

    private static Process processOf(ModelElementInstance element) {
        ModelElementInstance e = element;
        while (e != null && !(e instanceof Process)) e = e.getParentElement();
        return (Process) e;
    }
}
