package io.reelflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertAll;

import io.reelflow.support.ApiTestSupport;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who may do what, as tables: each row is one case, each column one demo user (real HTTP against the
 * running service; the engine's own checks with the user's authentication set as Tasklist and
 * /engine-rest set it). Users: rita rights-managers, dave delivery-coordinators, fiona finance,
 * mark managers, crm crm-integration, admin admins + camunda-admin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest extends ApiTestSupport {

    private static final List<String> USERS = List.of("crm", "rita", "dave", "fiona", "mark", "admin");
    private static final String TEST_PROCESS = "security/group-task.bpmn";

    @Autowired IdentityService identity;
    @Autowired AuthorizationService authorizations;
    @Autowired TaskService tasks;
    @Autowired FormService forms;
    @Autowired FilterService filters;
    @Autowired RuntimeService runtime;
    @Autowired RepositoryService repository;
    @Autowired ProcessEngineConfigurationImpl engine;
    @Autowired GroupAuthorizations groupAuthorizations;
    @Autowired org.camunda.bpm.engine.HistoryService history;

    /** Task kind → the id of one open task of that kind. */
    private final Map<String, String> taskOfKind = new LinkedHashMap<>();

    // ------------------------------------------------------------------------------------------------
    // 1. The REST API by role: the HTTP status each user gets (— = no credentials). Bodies are empty or
    //    point at nothing, so an allowed call ends in the controller's 400/404/200 and stores nothing.
    // ------------------------------------------------------------------------------------------------

    static Stream<Arguments> endpoints() {
        return Stream.of(
                //    method  path                                                   body                       anon  crm  rita dave fiona mark admin
                call("POST", "/api/deals",                                          "{}",                        401, 400, 403, 403, 403, 403, 400),
                call("GET",  "/api/deals/NO-SUCH-DEAL",                             null,                        401, 404, 404, 404, 404, 404, 404),
                call("POST", "/api/deals/NO-SUCH-DEAL/amendments",                  AMENDMENT,                   401, 404, 403, 403, 403, 403, 404),
                call("POST", "/api/deliveries/0/events",                            "{}",                        401, 400, 403, 400, 403, 403, 400),
                call("GET",  "/api/deliveries?crmDealId=NO-SUCH-DEAL",              null,                        401, 200, 403, 200, 403, 200, 200),
                call("GET",  "/api/deliveries/0",                                   null,                        401, 404, 403, 404, 403, 404, 404),
                call("GET",  "/api/reports/qc",                                     null,                        401, 200, 403, 200, 403, 200, 200),
                call("GET",  "/api/reports/deals",                                  null,                        401, 200, 403, 200, 403, 200, 200),
                call("GET",  "/api/reports/deliveries",                             null,                        401, 200, 403, 200, 403, 200, 200),
                call("GET",  "/api/reports/qc/monthly?months=12",                   null,                        401, 200, 403, 200, 403, 200, 200),
                call("GET",  "/api/windows/expiring?within=90d",                    null,                        401, 200, 200, 403, 403, 200, 200),
                call("GET",  "/api/titles?name=no-such-title",                      null,                        401, 200, 200, 200, 403, 200, 200),
                call("GET",  "/api/titles/0",                                       null,                        401, 404, 404, 404, 403, 404, 404),
                call("POST", "/api/titles",                                         "{}",                        401, 403, 400, 403, 403, 403, 400),
                call("GET",  "/api/rights-in/0",                                    null,                        401, 404, 404, 404, 403, 404, 404),
                call("POST", "/api/rights-in",                                      "{}",                        401, 403, 400, 403, 403, 403, 400),
                call("GET",  "/api/avails?titleId=0&media=SVOD&from=2027-01-01&to=2027-12-31", null,             401, 404, 404, 404, 403, 404, 404),
                call("GET",  "/api/licensor-agreements",                            null,                        401, 403, 403, 403, 200, 403, 200),
                call("POST", "/api/licensor-agreements",                            "{}",                        401, 403, 403, 403, 400, 403, 400),
                call("POST", "/api/licensor-agreements/0/corrections",              "{}",                        401, 403, 403, 403, 400, 403, 400),
                call("GET",  "/api/licensor-agreements/0/corrections",              null,                        401, 403, 403, 403, 404, 403, 404),
                call("GET",  "/api/licence-fees/NO-SUCH-DEAL",                      null,                        401, 403, 403, 403, 404, 403, 404),
                call("GET",  "/api/fx-rates?from=USD&to=EUR&date=1999-01-01",       null,                        401, 403, 403, 403, 200, 403, 200),
                call("POST", "/api/fx-rates",                                       "{}",                        401, 403, 403, 403, 400, 403, 400),
                call("GET",  "/api/royalty-receipts/0",                             null,                        401, 403, 403, 403, 404, 403, 404),
                call("POST", "/api/royalty-receipts",                               "{}",                        401, 403, 403, 403, 400, 403, 400),
                call("GET",  "/api/royalty-statements?licensor=No%20Such&period=2027-Q1", null,                  401, 403, 403, 403, 404, 403, 404),
                call("GET",  "/engine-rest/process-definition?key=deal-lifecycle", null,                         401, 403, 403, 403, 403, 200, 200),
                call("GET",  "/engine-rest/task?candidateGroup=finance",            null,                        401, 403, 403, 403, 403, 200, 200),
                call("POST", "/engine-rest/task",                                   "{}",                        401, 403, 403, 403, 403, 403, 200),
                call("POST", "/engine-rest/process-definition/key/no-such-process/start", "{}",                  401, 403, 403, 403, 403, 403, 404),
                call("GET",  "/api/admin/tokens",                                   null,                        401, 403, 403, 403, 403, 403, 200),
                call("POST", "/api/admin/tokens",                                   "{}",                        401, 403, 403, 403, 403, 403, 400),
                call("GET",  "/api/admin/users/no-such-user/lock",                  null,                        401, 403, 403, 403, 403, 403, 404),
                call("GET",  "/actuator/health",                                    null,                        200, 200, 200, 200, 200, 200, 200));
    }

    private static final String AMENDMENT = "{\"windowEnd\": \"2030-06-30\", \"reason\": \"access check\"}";

    private static Arguments call(String method, String path, String body, int anonymous, int... byUser) {
        if (byUser.length != USERS.size()) throw new IllegalArgumentException(path + ": one status per user");
        return Arguments.of(method + " " + path, method, path, body, anonymous, byUser);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void restApiByRole(String name, String method, String path, String body, int anonymous, int[] byUser) {
        List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
        checks.add(() -> assertThat(call(null, method, path, body).status()).as("no credentials").isEqualTo(anonymous));
        for (int i = 0; i < USERS.size(); i++) {
            String user = USERS.get(i);
            int expected = byUser[i];
            checks.add(() -> {
                Response r = call(user, method, path, body);
                assertThat(r.status()).as(user + ": " + r).isEqualTo(expected);
                if (expected == 401 || expected == 403) assertThat(r.contentType()).as(user).startsWith("application/problem+json");
            });
        }
        assertAll(name, checks);
    }

    private Response call(String user, String method, String path, String body) {
        if (method.equals("GET")) return get(user, path);
        return post(user, path, "application/json", body);
    }

    // ------------------------------------------------------------------------------------------------
    // 2. Tasks by role: who sees (reads) and who works (claims, completes) which kind of task, checked by
    //    the engine with the user's authentication set as Tasklist sets it.
    // ------------------------------------------------------------------------------------------------

    enum Access { NONE, SEE, WORK }

    private static final Access NONE = Access.NONE, SEE = Access.SEE, WORK = Access.WORK;

    private static final List<String> KINDS = List.of("rights conflict", "delivery", "finance", "managers escalation");

    static Stream<Arguments> taskMatrix() {
        return Stream.of(
                //          user     rights conflict  delivery  finance  managers escalation
                tasksOf("rita",  WORK,            NONE,     NONE,    NONE),
                tasksOf("dave",  NONE,            WORK,     NONE,    NONE),
                tasksOf("fiona", NONE,            NONE,     WORK,    NONE),
                tasksOf("mark",  SEE,             SEE,      SEE,     WORK),
                tasksOf("crm",   NONE,            NONE,     NONE,    NONE),
                tasksOf("admin", WORK,            WORK,     WORK,    WORK));
    }

    private static Arguments tasksOf(String user, Access... byKind) {
        return Arguments.of(user, List.of(byKind));
    }

    /**
     * Once per class, but inside the first test (the process coverage recorder needs a running test): one
     * open task of each kind. The test process stays deployed, like every other test's data in the shared database.
     */
    @BeforeEach
    void openOneTaskOfEachKind() {
        if (!taskOfKind.isEmpty()) return;
        // a conflicting deal: rights held in FR only, the deal asks for ES → "Resolve rights conflict" for rights-managers
        long conflictTitle = createTitle(unique("Access Conflict Title"), "en");
        createRightsIn(conflictTitle, "[\"FR\"]", "[\"SVOD\"]", "2026-01-01", "2030-12-31", true);
        String conflictDeal = unique("ACC-CONFLICT");
        assertThat(postJson("crm", "/api/deals", dealJson(conflictDeal, conflictTitle, "[\"ES\"]", "2027-01-01", "2027-12-31")).status()).isEqualTo(201);
        // a clean deal: its delivery starts with "Set up in Backlot" for delivery-coordinators
        long cleanTitle = createTitle(unique("Access Delivery Title"), "en");
        createRightsIn(cleanTitle, "[\"FR\"]", "[\"SVOD\"]", "2026-01-01", "2030-12-31", true);
        String cleanDeal = unique("ACC-CLEAN");
        assertThat(postJson("crm", "/api/deals", dealJson(cleanDeal, cleanTitle, "[\"FR\"]", "2027-01-01", "2027-12-31")).status()).isEqualTo(201);
        runJobs();
        taskOfKind.put("rights conflict", onlyTask(cleanQuery().processInstanceBusinessKey(conflictDeal).taskDefinitionKey("resolveRightsConflict").list()));
        taskOfKind.put("delivery", onlyTask(cleanQuery().processInstanceBusinessKey(cleanDeal).taskDefinitionKey("setUpBacklot").list()));
        // no process has finance tasks yet and escalations need timers: a test-only process gives one of each
        repository.createDeployment().name("access-matrix-test").addClasspathResource(TEST_PROCESS).enableDuplicateFiltering(false).deploy();
        groupAuthorizations.run(null); // what the next start-up does: READ on the new definition for its candidate groups
        taskOfKind.put("finance", startGroupTask(Roles.FINANCE));
        taskOfKind.put("managers escalation", startGroupTask(Roles.MANAGERS));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("taskMatrix")
    void tasksByRole(String user, List<Access> byKind) {
        List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
        for (int i = 0; i < KINDS.size(); i++) {
            String kind = KINDS.get(i);
            String taskId = taskOfKind.get(kind);
            Access access = byKind.get(i);
            checks.add(() -> {
                long seen = as(user, () -> tasks.createTaskQuery().taskId(taskId).count());
                assertThat(seen).as(user + " sees the " + kind + " task").isEqualTo(access == NONE ? 0 : 1);
                if (access == WORK) {
                    as(user, () -> {
                        tasks.claim(taskId, user);
                        return null;
                    });
                    assertThat(cleanQuery().taskId(taskId).singleResult().getAssignee()).isEqualTo(user);
                    tasks.setAssignee(taskId, null); // back to the group (no authentication: the test's own hand)
                } else {
                    assertThatThrownBy(() -> as(user, () -> {
                        tasks.claim(taskId, user);
                        return null;
                    })).as(user + " claims the " + kind + " task").isInstanceOf(AuthorizationException.class);
                    assertThatThrownBy(() -> as(user, () -> {
                        tasks.complete(taskId);
                        return null;
                    })).as(user + " completes the " + kind + " task").isInstanceOf(AuthorizationException.class);
                    assertThat(cleanQuery().taskId(taskId).singleResult().getAssignee()).isNull();
                }
            });
        }
        assertAll(user, checks);
    }

    // Waivers of a failed pre-QC inspection: only managers (and admins) see and work the waiver task; a coordinator's
    // return task takes no waiver decision (the form guard), so nobody else can waive.

    static Stream<Arguments> waiverMatrix() {
        return Stream.of(Arguments.of("rita", NONE), Arguments.of("dave", NONE), Arguments.of("fiona", NONE),
                Arguments.of("mark", WORK), Arguments.of("crm", NONE), Arguments.of("admin", WORK));
    }

    private final Map<String, String> waiverTasks = new LinkedHashMap<>();

    /** A netflix-delivery of the clean deal's title started at the task (the delivery's records are the deal's). */
    private String deliveryTaskAt(String taskKey) {
        return waiverTasks.computeIfAbsent(taskKey, key -> {
            Task setUp = cleanQuery().taskId(taskOfKind.get("delivery")).singleResult();
            Object titleId = runtime.getVariable(setUp.getExecutionId(), "titleId");
            ProcessInstance pi = runtime.createProcessInstanceByKey("netflix-delivery").businessKey(
                            runtime.createProcessInstanceQuery().processInstanceId(setUp.getProcessInstanceId()).singleResult().getBusinessKey())
                    .setVariable("titleId", titleId).setVariable("titleName", "Access Delivery Title")
                    .setVariable("deliveryDue", new java.util.Date()).startBeforeActivity(key).execute();
            return onlyTask(cleanQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).list());
        });
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("waiverMatrix")
    void onlyManagersWaiveInspectionFindings(String user, Access access) {
        String taskId = deliveryTaskAt("waivePackageFindings");
        assertThat(cleanQuery().taskId(taskId).singleResult().getName()).startsWith("Decide on waiver of IMF package: ");
        long seen = as(user, () -> tasks.createTaskQuery().taskId(taskId).count());
        assertThat(seen).as(user + " sees the waiver task").isEqualTo(access == NONE ? 0 : 1);
        if (access == WORK) {
            as(user, () -> {
                tasks.claim(taskId, user);
                return null;
            });
            tasks.setAssignee(taskId, null);
        } else {
            assertThatThrownBy(() -> as(user, () -> {
                tasks.claim(taskId, user);
                return null;
            })).as(user + " claims the waiver task").isInstanceOf(AuthorizationException.class);
            assertThatThrownBy(() -> as(user, () -> {
                tasks.complete(taskId, Map.of("waiverDecision", "WAIVE", "waiverNote", "mine"));
                return null;
            })).as(user + " waives").isInstanceOf(AuthorizationException.class);
        }
    }

    @Test
    void aCoordinatorsReturnTaskTakesNoWaiverDecision() throws Exception {
        String returnTask = deliveryTaskAt("returnImfPackage");
        WebSession dave = webappSession("dave", "tasklist");
        Response r = dave.post("/camunda/api/engine/engine/default/task/" + returnTask + "/submit-form",
                "{\"variables\": {\"waiverDecision\": {\"value\": \"WAIVE\"}, \"waiverNote\": {\"value\": \"self-waived\"}}}");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.body()).contains("waiverDecision: not a field of the form", "waiverNote: not a field of the form");
        assertThat(cleanQuery().taskId(returnTask).count()).as("the task is still open").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM inspection_waiver WHERE status = 'WAIVED' AND decided_by = 'dave'")).isZero();
    }

    @Test
    void aCandidateGroupCompletesItsTaskButCannotHandItToSomeoneElse() {
        String finance = startGroupTask(Roles.FINANCE);
        String processInstance = cleanQuery().taskId(finance).singleResult().getProcessInstanceId();
        assertThat(defaultTaskPermission()).isEqualTo("TASK_WORK");
        // reassigning needs UPDATE or TASK_ASSIGN, which no candidate group holds
        assertThatThrownBy(() -> as("fiona", () -> {
            tasks.setAssignee(finance, "dave");
            return null;
        })).isInstanceOf(AuthorizationException.class);
        as("fiona", () -> {
            tasks.claim(finance, "fiona");
            tasks.complete(finance); // its test process has no form: it takes no variables
            return null;
        });
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(processInstance).count()).isZero();
    }

    @Test
    void theConflictFormOpensOnlyForRightsManagers() throws Exception {
        String task = taskOfKind.get("rights conflict");
        try (var form = as("rita", () -> forms.getDeployedTaskForm(task))) {
            assertThat(new String(form.readAllBytes(), StandardCharsets.UTF_8)).contains("carveOutTerritories");
        }
        assertThat(as("rita", () -> tasks.getVariables(task))).containsKey("conflictSummary");
        for (String other : List.of("dave", "fiona", "crm")) {
            assertThatThrownBy(() -> as(other, () -> forms.getDeployedTaskForm(task))).as(other).isInstanceOf(AuthorizationException.class);
        }
    }

    /** The Tasklist filters each user sees (what the filter list in Tasklist shows). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("filterMatrix")
    void tasklistFiltersByRole(String user, Set<String> expected) {
        Set<String> seen = as(user, () -> filters.createFilterQuery().list()).stream().map(Filter::getName).collect(Collectors.toSet());
        if (user.equals("admin")) assertThat(seen).containsAll(expected);
        else assertThat(seen).isEqualTo(expected);
    }

    static Stream<Arguments> filterMatrix() {
        Set<String> all = Set.of("All tasks", "My tasks", "Rights conflicts", "My delivery tasks", "Finance", "At risk");
        return Stream.of(
                Arguments.of("rita", Set.of("My tasks", "Rights conflicts")),
                Arguments.of("dave", Set.of("My tasks", "My delivery tasks")),
                Arguments.of("fiona", Set.of("My tasks", "Finance")),
                Arguments.of("mark", all),
                Arguments.of("crm", Set.of()),
                Arguments.of("admin", all));
    }

    @Test
    void aFilterShowsOnlyTasksTheUserMayRead() {
        Filter financeFilter = filters.createFilterQuery().filterName("Finance").singleResult();
        String finance = taskOfKind.get("finance");
        assertThat(as("fiona", () -> filters.list(financeFilter.getId())).stream().map(t -> ((Task) t).getId()).toList()).contains(finance);
        assertThatThrownBy(() -> as("dave", () -> filters.list(financeFilter.getId()))).isInstanceOf(AuthorizationException.class);
    }

    @Test
    void aRightsManagerSubmitsTheConflictFormAndTheDealMovesOn() {
        long title = createTitle(unique("Access Withdraw Title"), "en");
        createRightsIn(title, "[\"FR\"]", "[\"SVOD\"]", "2026-01-01", "2030-12-31", true);
        String deal = unique("ACC-WITHDRAW");
        assertThat(postJson("crm", "/api/deals", dealJson(deal, title, "[\"ES\"]", "2027-01-01", "2027-12-31")).status()).isEqualTo(201);
        runJobs();
        String task = onlyTask(cleanQuery().processInstanceBusinessKey(deal).taskDefinitionKey("resolveRightsConflict").list());
        // as Tasklist does it: claim, then submit the form; the completion listener and the engine run on
        // with rita's authentication set, and need no more than her task grant
        as("rita", () -> {
            tasks.claim(task, "rita");
            forms.submitTaskForm(task, Map.of("resolution", "WITHDRAW", "resolutionNote", "licensee declined"));
            return null;
        });
        runJobs();
        Response r = get("crm", "/api/deals/" + deal);
        assertThat(r.json().get("status").asText()).as(r.toString()).isEqualTo("WITHDRAWN");
    }

    /** READ on a process definition follows its user tasks' candidate groups (Tasklist shows the process name and diagram). */
    @ParameterizedTest(name = "{0} reads {1}: {2}")
    @MethodSource("definitionMatrix")
    void processDefinitionsByRole(String user, String processKey, boolean read) {
        assertThat(authorizations.isUserAuthorized(user, groupsOf(user), org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ,
                Resources.PROCESS_DEFINITION, processKey)).isEqualTo(read);
    }

    static Stream<Arguments> definitionMatrix() {
        return Stream.of(
                Arguments.of("rita", "deal-lifecycle", true), Arguments.of("rita", "window-watch", true), Arguments.of("rita", "netflix-delivery", false),
                Arguments.of("dave", "netflix-delivery", true), Arguments.of("dave", "localization-track", true), Arguments.of("dave", "deal-lifecycle", false),
                Arguments.of("fiona", "fee-instalment", true), Arguments.of("fiona", "licence-fee", true), Arguments.of("fiona", "royalty-statement", true),
                Arguments.of("fiona", "security-finance-task", true), Arguments.of("fiona", "security-managers-task", false), Arguments.of("fiona", "deal-lifecycle", false),
                Arguments.of("mark", "deal-lifecycle", true), Arguments.of("mark", "localization-track", true),
                Arguments.of("crm", "deal-lifecycle", false), Arguments.of("crm", "netflix-delivery", false));
    }

    @Test
    void startUpGrantsAreIdempotentAndRestoreMissingTaskGrants() throws Exception {
        long before = authorizations.createAuthorizationQuery().count();
        groupAuthorizations.run(null);
        assertThat(authorizations.createAuthorizationQuery().count()).as("a second run adds nothing").isEqualTo(before);

        // a finance task whose group grant is missing, as for tasks created before authorization was on
        String finance = startGroupTask(Roles.FINANCE);
        authorizations.createAuthorizationQuery().groupIdIn(Roles.FINANCE).resourceType(Resources.TASK).resourceId(finance).list()
                .forEach(a -> authorizations.deleteAuthorization(a.getId()));
        assertThat(as("fiona", () -> tasks.createTaskQuery().taskId(finance).count())).isZero();
        groupAuthorizations.run(null);
        assertThat(as("fiona", () -> tasks.createTaskQuery().taskId(finance).count())).isEqualTo(1);
        assertThat(as("dave", () -> tasks.createTaskQuery().taskId(finance).count())).isZero();
    }

    // ------------------------------------------------------------------------------------------------
    // 3. The webapps: which application each user may open.
    // ------------------------------------------------------------------------------------------------

    static Stream<Arguments> applications() {
        return Stream.of(
                //            user     tasklist cockpit admin
                Arguments.of("crm",   false,   false,  false),
                Arguments.of("rita",  true,    false,  false),
                Arguments.of("dave",  true,    false,  false),
                Arguments.of("fiona", true,    false,  false),
                Arguments.of("mark",  true,    true,   false),
                Arguments.of("admin", true,    true,   true));
    }

    @ParameterizedTest(name = "{0}: tasklist {1}, cockpit {2}, admin {3}")
    @MethodSource("applications")
    void webappsByRole(String user, boolean tasklist, boolean cockpit, boolean admin) {
        List<String> groups = groupsOf(user);
        assertAll(user,
                () -> assertThat(authorizations.isUserAuthorized(user, groups, Permissions.ACCESS, Resources.APPLICATION, "tasklist")).as("tasklist").isEqualTo(tasklist),
                () -> assertThat(authorizations.isUserAuthorized(user, groups, Permissions.ACCESS, Resources.APPLICATION, "cockpit")).as("cockpit").isEqualTo(cockpit),
                () -> assertThat(authorizations.isUserAuthorized(user, groups, Permissions.ACCESS, Resources.APPLICATION, "admin")).as("admin").isEqualTo(admin));
    }

    @Test
    void webappLoginIsRefusedWithoutApplicationAccessAndWithoutCsrfToken() throws Exception {
        assertThat(webappLogin("dave", "tasklist", true)).isEqualTo(200);
        assertThat(webappLogin("mark", "cockpit", true)).isEqualTo(200);
        assertThat(webappLogin("crm", "tasklist", true)).isEqualTo(403);
        assertThat(webappLogin("crm", "cockpit", true)).isEqualTo(403);
        assertThat(webappLogin("dave", "cockpit", true)).isEqualTo(403);
        assertThat(webappLogin("rita", "admin", true)).isEqualTo(403);
        assertThat(webappLogin("crm", "welcome", true)).as("every user may open the Welcome page (own profile)").isEqualTo(200);
        // the webapps' own CSRF filter is on: a login without the X-XSRF-TOKEN header is refused
        assertThat(webappLogin("dave", "tasklist", false)).isEqualTo(403);
    }

    // ------------------------------------------------------------------------------------------------
    // 4. /engine-rest: the engine applies the caller's authorizations (managers read, admins everything).
    // ------------------------------------------------------------------------------------------------

    @Test
    void engineRestAppliesTheCallersAuthorizations() {
        String rights = taskOfKind.get("rights conflict");
        Response byMark = get("mark", "/engine-rest/task/" + rights);
        assertThat(byMark.status()).as(byMark.toString()).isEqualTo(200);
        assertThat(byMark.json().get("id").asText()).isEqualTo(rights);
        // the user list is the engine's, filtered by READ on users: mark has none, admin has all
        assertThat(get("mark", "/engine-rest/user?id=rita").json()).isEmpty();
        assertThat(get("admin", "/engine-rest/user?id=rita").json()).hasSize(1);
        // managers are read-only here; admins may claim and unclaim
        assertThat(post("mark", "/engine-rest/task/" + rights + "/claim", "application/json", "{\"userId\": \"mark\"}").status()).isEqualTo(403);
        assertThat(post("admin", "/engine-rest/task/" + rights + "/claim", "application/json", "{\"userId\": \"admin\"}").status()).isEqualTo(204);
        assertThat(cleanQuery().taskId(rights).singleResult().getAssignee()).isEqualTo("admin");
        assertThat(post("admin", "/engine-rest/task/" + rights + "/unclaim", "application/json", "{}").status()).isEqualTo(204);
        assertThat(cleanQuery().taskId(rights).singleResult().getAssignee()).isNull();
        // the request's engine authentication does not outlive it
        assertThat(identity.getCurrentAuthentication()).isNull();
    }

    @Test
    void theApiRunsWithoutEngineAuthenticationSoEveryRoleSeesItsDealsProcess() {
        // crm has no Camunda authorization at all, yet the deal's process shows in its /api answer
        String dealId = cleanQuery().taskId(taskOfKind.get("rights conflict")).singleResult().getProcessInstanceId();
        String businessKey = runtime.createProcessInstanceQuery().processInstanceId(dealId).singleResult().getBusinessKey();
        Response r = get("crm", "/api/deals/" + businessKey);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.body()).contains("deal-lifecycle");
    }

    // ------------------------------------------------------------------------------------------------
    // 5. Money is seen by finance only: a deal whose first instalment is paid (royalties posted) and whose second
    //    is overdue (a manager's chase task), read by every role through every way in that shows process data:
    //    /engine-rest (managers), the webapps' engine API (Tasklist and Cockpit sessions) and Cockpit's own API.
    //    Each answer, whatever its status, is scanned for the amounts.
    // ------------------------------------------------------------------------------------------------

    /** The deal's figures as they could appear anywhere: instalments of 123,456.78 of a 246,913.56 fee, royalties posted from them. */
    private static final List<String> AMOUNTS = List.of("123456", "123,456", "246913", "246,913", "30864", "92592");

    /** Ids of the money deal: deal, deal-lifecycle, licence-fee, paid and overdue fee-instalment, chase and record-payment tasks. */
    private final Map<String, String> money = new LinkedHashMap<>();

    private Map<String, String> moneyDeal() {
        if (!money.isEmpty()) return money;
        String licensor = unique("Access Money Licensor");
        Response agreement = postJson("fiona", "/api/licensor-agreements", Map.of("licensor", licensor, "currency", "EUR",
                "distributionFeePercent", 25, "advance", java.math.BigDecimal.ZERO, "statementFrequency", "QUARTERLY"));
        assertThat(agreement.status()).as(agreement.toString()).isEqualTo(201);
        long title = createTitle(unique("Access Money Title"), "en");
        Response rightsIn = postJson("rita", "/api/rights-in", String.format("""
                {"titleId": %d, "licensor": "%s", "territories": ["FR"], "media": ["SVOD"],
                 "termStart": "2026-01-01", "termEnd": "2035-12-31", "exclusive": true}""", title, licensor));
        assertThat(rightsIn.status()).as(rightsIn.toString()).isEqualTo(201);
        String deal = unique("ACC-MONEY");
        String body = dealJson(deal, title, "[\"FR\"]", "2027-03-01", "2027-12-31")
                .replace("\"amount\": 250000.00", "\"amount\": 246913.56")
                .replace("{\"percent\": 50, \"trigger\": \"SIGNATURE\", \"creditDays\": 30}", "{\"percent\": 50, \"trigger\": \"SIGNATURE\", \"creditDays\": 0}")
                .replace("{\"percent\": 50, \"trigger\": \"DELIVERY_ACCEPTED\", \"creditDays\": 30}", "{\"percent\": 50, \"trigger\": \"SIGNATURE\", \"creditDays\": 0}");
        assertThat(postJson("crm", "/api/deals", body).status()).isEqualTo(201);
        runJobs();
        // finance invoices both instalments and records the first payment, as in Tasklist (its own grants only)
        for (Task invoice : cleanQuery().processInstanceBusinessKey(deal).taskDefinitionKey("invoiceInstalment").list()) {
            workAs("fiona", invoice.getId(), Map.of("invoiceNumber", unique("INV"), "invoicedOn", java.time.LocalDate.now().toString()));
        }
        List<Task> payments = cleanQuery().processInstanceBusinessKey(deal).taskDefinitionKey("recordPayment").list();
        assertThat(payments).hasSize(2);
        Task paid = payments.get(0), open = payments.get(1);
        workAs("fiona", paid.getId(), Map.of("paidOn", java.time.LocalDate.now().toString(), "bankReference", unique("BANK")));
        runJobs();
        // the second stays unpaid until the overdue timer (due + 14 days) raises the managers' chase
        try {
            org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(java.time.Instant.now().plus(Duration.ofDays(16))));
            runJobs();
        } finally {
            org.camunda.bpm.engine.impl.util.ClockUtil.reset();
        }
        String chase = onlyTask(cleanQuery().processInstanceBusinessKey(deal).taskDefinitionKey("chaseOverduePayment").list());
        money.put("deal", deal);
        money.put("lifecycle", runtime.createProcessInstanceQuery().processDefinitionKey("deal-lifecycle").processInstanceBusinessKey(deal).singleResult().getId());
        money.put("licenceFee", runtime.createProcessInstanceQuery().processDefinitionKey("licence-fee").processInstanceBusinessKey(deal).singleResult().getId());
        money.put("paidInstalment", paid.getProcessInstanceId());
        money.put("openInstalment", open.getProcessInstanceId());
        money.put("chaseTask", chase);
        money.put("paymentTask", open.getId());
        money.put("definition", open.getProcessDefinitionId());
        assertThat(get("fiona", "/api/licence-fees/" + deal).json().at("/instalments/0/status").asText()).isEqualTo("PAID");
        return money;
    }

    /** Claims and completes a task with the user's engine authentication, as Tasklist does. */
    private void workAs(String user, String taskId, Map<String, Object> variables) {
        as(user, () -> {
            tasks.claim(taskId, user);
            forms.submitTaskForm(taskId, variables);
            return null;
        });
    }

    /** Every read of process data, runtime and history, that an /engine-rest or webapp engine API caller can make about the deal. */
    private static final List<String> PROCESS_DATA_READS = List.of(
            "/variable-instance?processInstanceIdIn={paidInstalment},{openInstalment},{licenceFee}",
            "/process-instance/{openInstalment}/variables",
            "/process-instance/{licenceFee}/variables",
            "/execution/{openInstalment}/localVariables",
            "/task/{chaseTask}/variables",
            "/task/{chaseTask}/form-variables",
            "/task/{paymentTask}/variables",
            "/task/{paymentTask}/form-variables",
            "/task?processInstanceBusinessKey={deal}",
            "/history/variable-instance?processInstanceIdIn={paidInstalment},{openInstalment},{licenceFee}",
            "/history/detail?processInstanceId={paidInstalment}",
            "/history/detail?processInstanceId={openInstalment}",
            "/history/task?processInstanceBusinessKey={deal}",
            "/history/activity-instance?processInstanceId={paidInstalment}",
            "/history/process-instance?processInstanceBusinessKey={deal}",
            "/history/user-operation?processInstanceId={paidInstalment}",
            "/history/incident?processInstanceId={paidInstalment}",
            "/incident?processInstanceId={openInstalment}");

    private String fill(String template) {
        String path = template;
        for (Map.Entry<String, String> e : moneyDeal().entrySet()) path = path.replace("{" + e.getKey() + "}", e.getValue());
        return path;
    }

    private static void assertNoMoney(String where, Response r) {
        for (String amount : AMOUNTS) assertThat(r.body()).as(where + " answered " + r).doesNotContain(amount);
    }

    static Stream<Arguments> engineRestReaders() {
        return Stream.of("crm", "rita", "dave", "fiona", "mark").map(Arguments::of);
    }

    @ParameterizedTest(name = "/engine-rest as {0}: no amount")
    @MethodSource("engineRestReaders")
    void engineRestShowsNoMoneyToAnyRoleButAdmins(String user) {
        List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
        for (String read : PROCESS_DATA_READS) {
            String path = "/engine-rest" + fill(read);
            checks.add(() -> {
                Response r = get(user, path);
                assertThat(r.status()).as(user + " " + path + ": " + r).isIn(200, 403, 404);
                if (!user.equals("mark")) assertThat(r.status()).as(user + " " + path).isEqualTo(403); // only managers GET here
                assertNoMoney(user + " " + path, r);
            });
        }
        assertAll(user, checks);
    }

    static Stream<Arguments> webappReaders() {
        return Stream.of(Arguments.of("rita", "tasklist"), Arguments.of("dave", "tasklist"), Arguments.of("mark", "tasklist"),
                Arguments.of("mark", "cockpit"));
    }

    @ParameterizedTest(name = "{1} session of {0}: no amount")
    @MethodSource("webappReaders")
    void webappsShowNoMoneyButToFinance(String user, String app) throws Exception {
        WebSession session = webappSession(user, app);
        List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
        for (String read : PROCESS_DATA_READS) {
            String path = "/camunda/api/engine/engine/default" + fill(read);
            checks.add(() -> assertNoMoney(user + " " + path, session.get(path)));
        }
        // what Cockpit itself asks: its own query of the definition's instances, and the variables of an instance (POST queries)
        String instances = "/camunda/api/cockpit/plugin/base/default/process-instance";
        checks.add(() -> {
            Response r = session.post(instances, "{\"processDefinitionId\": \"" + moneyDeal().get("definition") + "\"}");
            if (app.equals("cockpit")) assertThat(r.status()).as(user + " " + instances + ": " + r).isEqualTo(200);
            assertNoMoney(user + " " + instances, r);
        });
        String variables = "/camunda/api/engine/engine/default/variable-instance";
        String historic = "/camunda/api/engine/engine/default/history/variable-instance";
        String ids = "{\"processInstanceIdIn\": [\"" + moneyDeal().get("paidInstalment") + "\", \"" + moneyDeal().get("openInstalment") + "\"]}";
        for (String query : List.of(variables, historic)) {
            checks.add(() -> {
                Response r = session.post(query, ids);
                assertThat(r.status()).as(user + " POST " + query + ": " + r).isEqualTo(200); // a query answers what the user may read
                assertNoMoney(user + " POST " + query, r);
            });
        }
        assertAll(user + " in " + app, checks);
    }

    @Test
    void financeSeesTheAmountInItsOwnTaskAndManagersSeeWhichPaymentIsOverdue() throws Exception {
        Map<String, String> ids = moneyDeal();
        // finance: the record-payment form is pre-filled with what is owed
        WebSession fiona = webappSession("fiona", "tasklist");
        Response form = fiona.get("/camunda/api/engine/engine/default/task/" + ids.get("paymentTask") + "/form-variables");
        assertThat(form.status()).as(form.toString()).isEqualTo(200);
        assertThat(form.body()).contains("123456.78");
        // managers: the overdue chase is theirs, it names the deal and instalment, and they may work it; its process's variables stay unread
        Response chase = get("mark", "/engine-rest/task/" + ids.get("chaseTask"));
        assertThat(chase.status()).as(chase.toString()).isEqualTo(200);
        assertThat(chase.json().get("name").asText()).startsWith("Payment overdue, instalment 2: ").endsWith(" — " + ids.get("deal"));
        assertThat(get("mark", "/engine-rest/task/" + ids.get("chaseTask") + "/variables").status()).isEqualTo(403);
        assertThat(get("crm", "/api/deals/" + ids.get("deal")).body()).contains("Payment overdue, instalment 2: ");
        // what the others need stays readable: managers read the variables of every other process, each group those of its own tasks
        Response lifecycle = get("mark", "/engine-rest/history/variable-instance?processInstanceId=" + ids.get("lifecycle"));
        assertThat(lifecycle.status()).isEqualTo(200);
        assertThat(lifecycle.body()).isEqualTo("[]"); // the deal's own instance keeps no variables (its glue starts its deliveries)
        String titleDelivery = runtime.createProcessInstanceQuery().processDefinitionKey("netflix-delivery").processInstanceBusinessKey(ids.get("deal"))
                .list().get(0).getId();
        Response deliveryVariables = get("mark", "/engine-rest/history/variable-instance?processInstanceId=" + titleDelivery);
        assertThat(deliveryVariables.status()).isEqualTo(200);
        assertThat(deliveryVariables.body()).contains("titleId");
        String delivery = taskOfKind.get("delivery");
        assertThat(get("mark", "/engine-rest/task/" + delivery + "/variables").status()).as("a coordinator's task, read by managers").isEqualTo(200);
        assertThat(webappSession("dave", "tasklist").get("/camunda/api/engine/engine/default/task/" + delivery + "/form-variables").status()).isEqualTo(200);
        assertThat(as("rita", () -> tasks.getVariables(taskOfKind.get("rights conflict")))).isNotEmpty();
        // the API shared by every role shows no money either
        for (String user : USERS) assertNoMoney(user + " GET /api/deals", get(user, "/api/deals/" + ids.get("deal")));
        // nor do the dashboard's reports, read by managers in Cockpit
        for (String report : List.of("/api/reports/deals", "/api/reports/deliveries", "/api/reports/qc", "/api/reports/qc/monthly?months=36",
                "/api/windows/expiring?within=9999d")) {
            Response r = get("mark", report);
            assertThat(r.status()).as(report).isEqualTo(200);
            assertThat(r.body()).as(report).doesNotContain("\"currency\"", "\"amount\"");
            assertNoMoney("mark GET " + report, r);
        }
        // and the manager works the chase in Tasklist without reading the instalment's variables: claim, submit the form
        WebSession mark = webappSession("mark", "tasklist");
        String task = "/camunda/api/engine/engine/default/task/" + ids.get("chaseTask");
        assertThat(mark.get(task + "/form-variables").status()).isEqualTo(403);
        Response claimed = mark.post(task + "/claim", "{\"userId\": \"mark\"}");
        assertThat(claimed.status()).as(claimed + " " + claimed.contentType()).isEqualTo(204);
        Response submitted = mark.post(task + "/submit-form", "{\"variables\": {\"chaseNote\": {\"value\": \"called the licensee\", \"type\": \"String\"}}}");
        assertThat(submitted.status()).as(submitted.toString()).isIn(200, 204);
        assertNoMoney("mark submit-form", submitted);
        assertThat(cleanQuery().taskId(ids.get("chaseTask")).count()).isZero();
    }

    @Test
    void variableGrantsFollowTheMoneyRule() {
        for (String key : List.of("deal-lifecycle", "window-watch", "netflix-delivery", "localization-track")) {
            for (var p : List.of(org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
                    org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_HISTORY_VARIABLE,
                    org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_TASK_VARIABLE)) {
                assertThat(authorizations.isUserAuthorized("mark", groupsOf("mark"), p, Resources.PROCESS_DEFINITION, key)).as("mark " + p + " " + key).isTrue();
                for (String money : GroupAuthorizations.MONEY_PROCESSES) {
                    for (String user : List.of("mark", "rita", "dave", "fiona", "crm")) {
                        assertThat(authorizations.isUserAuthorized(user, groupsOf(user), p, Resources.PROCESS_DEFINITION, money)).as(user + " " + p + " " + money).isFalse();
                    }
                }
                for (String user : List.of("rita", "dave", "fiona", "crm")) {
                    assertThat(authorizations.isUserAuthorized(user, groupsOf(user), p, Resources.PROCESS_DEFINITION, key)).as(user + " " + p + " " + key).isFalse();
                }
            }
        }
    }

    /** A webapp session (cookie and XSRF token), as a browser holds it after the login page. */
    private record WebSession(HttpClient browser, String token, AccessMatrixTest test) {
        Response get(String path) throws Exception {
            HttpResponse<String> r = browser.send(HttpRequest.newBuilder(test.uri(path)).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), test.json);
        }

        Response post(String path, String json) throws Exception {
            HttpResponse<String> r = browser.send(HttpRequest.newBuilder(test.uri(path)).header("Content-Type", "application/json")
                    .header("Accept", "application/json").header("X-XSRF-TOKEN", token)
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), test.json);
        }
    }

    private WebSession webappSession(String user, String app) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(10)).build();
        browser.send(HttpRequest.newBuilder(uri("/camunda/app/" + app + "/default/")).GET().build(), HttpResponse.BodyHandlers.ofString());
        String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie from " + app));
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/" + app))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(user + " logs in to " + app).isEqualTo(200);
        // the login renews the session, and with it the token: the browser's next page load fetches it
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default")).header("Accept", "application/json")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        String renewed = page.headers().firstValue("X-XSRF-TOKEN").orElseGet(() -> cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).reduce((a, b) -> b).orElse(token));
        return new WebSession(browser, renewed, this);
    }

    // ------------------------------------------------------------------------------------------------
    // 6. Process data and jobs by role: writing process variables outside a task's form, and changing the
    //    engine's own jobs (history cleanup), each user through the way in it has: the engine API of its
    //    Tasklist session (rita, dave, fiona, mark), /engine-rest (crm, admin). 0 = not tried (it would
    //    change what other checks rely on). {pi} is a test process instance, {job} the history cleanup job.
    //    A 404 is the engine not showing a definition the user may not read, before anything else.
    // ------------------------------------------------------------------------------------------------

    static Stream<Arguments> processDataMatrix() {
        return Stream.of(
                //         method    path                                          body                                                                 crm  rita dave fiona mark admin
                dataCall("PUT",    "/process-instance/{pi}/variables/dealId",     "{\"value\": 4711}",                                                   403, 403, 403, 403, 403, 204),
                dataCall("POST",   "/process-instance/{pi}/variables",            "{\"modifications\": {\"deliveryId\": {\"value\": 1}}}",               403, 403, 403, 403, 403, 204),
                dataCall("DELETE", "/process-instance/{pi}/variables/dealId",     null,                                                                 403, 403, 403, 403, 403, 204),
                dataCall("PUT",    "/execution/{pi}/localVariables/trackId",      "{\"value\": 1}",                                                      403, 403, 403, 403, 403, 204),
                dataCall("POST",   "/process-instance/{pi}/modification",
                        "{\"instructions\": [{\"type\": \"startBeforeActivity\", \"activityId\": \"financeWork\", \"variables\": {\"instalmentId\": {\"value\": 1}}}]}",
                                                                                                                                                         403, 403, 403, 403, 403, 204),
                dataCall("POST",   "/process-definition/key/security-finance-task/start", "{\"variables\": {\"dealId\": {\"value\": 4711}}}",              403, 404, 404, 403, 403, 200),
                dataCall("POST",   "/message",                                     "{\"messageName\": \"no-such-message\", \"processVariables\": {\"dealId\": {\"value\": 1}}}", 403, 403, 403, 403, 403, 400),
                dataCall("POST",   "/signal",                                      "{\"name\": \"no-such-signal\", \"variables\": {\"dealId\": {\"value\": 1}}}", 403, 403, 403, 403, 403, 204),
                dataCall("PUT",    "/job/{job}/retries",                           "{\"retries\": {retries}}",                                          403, 403, 403, 403, 403, 204),
                dataCall("PUT",    "/job/{job}/suspended",                         "{\"suspended\": true}",                                              403, 403, 403, 403, 403, 0),
                dataCall("POST",   "/job/{job}/execute",                           null,                                                                 403, 403, 403, 403, 403, 0),
                dataCall("DELETE", "/job/{job}",                                   null,                                                                 403, 403, 403, 403, 403, 0));
    }

    private static Arguments dataCall(String method, String path, String body, int... byUser) {
        if (byUser.length != USERS.size()) throw new IllegalArgumentException(path + ": one status per user");
        return Arguments.of(method + " " + path, method, path, body, byUser);
    }

    private final Map<String, String> dataPlaceholders = new LinkedHashMap<>();
    private final Map<String, io.reelflow.support.WebappSession> tasklistSessions = new LinkedHashMap<>();

    @ParameterizedTest(name = "{0}")
    @MethodSource("processDataMatrix")
    void processDataAndJobsByRole(String name, String method, String path, String body, int[] byUser) {
        if (dataPlaceholders.isEmpty()) {
            String task = startGroupTask(Roles.FINANCE);
            dataPlaceholders.put("{pi}", cleanQuery().taskId(task).singleResult().getProcessInstanceId());
            org.camunda.bpm.engine.runtime.Job cleanup = history.findHistoryCleanupJobs().stream().findFirst()
                    .orElseGet(() -> history.cleanUpHistoryAsync()); // scheduled in the batch window, not now
            dataPlaceholders.put("{job}", cleanup.getId());
            dataPlaceholders.put("{retries}", String.valueOf(cleanup.getRetries()));
        }
        String pi = dataPlaceholders.get("{pi}");
        String job = dataPlaceholders.get("{job}");
        String p = path, b = body;
        for (Map.Entry<String, String> e : dataPlaceholders.entrySet()) {
            p = p.replace(e.getKey(), e.getValue());
            if (b != null) b = b.replace(e.getKey(), e.getValue());
        }
        List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
        for (int i = 0; i < USERS.size(); i++) {
            String user = USERS.get(i);
            int expected = byUser[i];
            if (expected == 0) continue;
            String finalPath = p, finalBody = b;
            checks.add(() -> {
                Map<String, Object> before = runtime.getVariables(pi);
                long instances = runtime.createProcessInstanceQuery().processDefinitionKey("security-finance-task").count();
                int status;
                String answer;
                if (user.equals("crm") || user.equals("admin")) {
                    java.net.http.HttpRequest.Builder r = java.net.http.HttpRequest.newBuilder(uri("/engine-rest" + finalPath));
                    if (finalBody == null) r.method(method, java.net.http.HttpRequest.BodyPublishers.noBody());
                    else r.header("Content-Type", "application/json").method(method, java.net.http.HttpRequest.BodyPublishers.ofString(finalBody));
                    Response a = send(user, r);
                    status = a.status();
                    answer = a.toString();
                } else {
                    io.reelflow.support.WebappSession.Answer a = tasklistSessions.computeIfAbsent(user,
                            u -> io.reelflow.support.WebappSession.login(port, u, PASSWORD, "tasklist")).engine(method, finalPath, finalBody);
                    status = a.status();
                    answer = a.toString();
                }
                assertThat(status).as(user + ": " + answer).isEqualTo(expected);
                if (expected == 403 && !user.equals("crm")) assertThat(answer).as(user).contains("reserved to admins");
                if (expected >= 400) { // a refusal changes nothing
                    assertThat(runtime.getVariables(pi)).as(user + ": the instance's variables").isEqualTo(before);
                    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("security-finance-task").count()).as(user + ": instances").isEqualTo(instances);
                    org.camunda.bpm.engine.runtime.Job cleanup = management.createJobQuery().jobId(job).singleResult();
                    assertThat(cleanup).as(user + ": the history cleanup job").isNotNull();
                    assertThat(cleanup.isSuspended()).as(user + ": the history cleanup job stays active").isFalse();
                    assertThat(String.valueOf(cleanup.getRetries())).as(user + ": its retries").isEqualTo(dataPlaceholders.get("{retries}"));
                }
            });
        }
        assertAll(name, checks);
    }

    // ------------------------------------------------------------------------------------------------

    /** Runs the work with the user's engine authentication set (user and groups, as the webapps set it). */
    private <T> T as(String user, Supplier<T> work) {
        identity.setAuthentication(user, groupsOf(user));
        try {
            return work.get();
        } finally {
            identity.clearAuthentication();
        }
    }

    private List<String> groupsOf(String user) {
        return identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    }

    private org.camunda.bpm.engine.task.TaskQuery cleanQuery() {
        assertThat(identity.getCurrentAuthentication()).as("no authentication left on the test thread").isNull();
        return tasks.createTaskQuery();
    }

    private String startGroupTask(String group) {
        ProcessInstance pi = runtime.startProcessInstanceByKey("security-" + group + "-task", unique("ACC-" + group));
        return onlyTask(cleanQuery().processInstanceId(pi.getId()).list());
    }

    private static String onlyTask(List<Task> list) {
        assertThat(list).hasSize(1);
        return list.get(0).getId();
    }

    private String defaultTaskPermission() {
        return engine.getDefaultUserPermissionForTask().getName();
    }

    /** Logs in to a webapp as the browser does: fetch the page (session and XSRF cookie), then POST the login. */
    private int webappLogin(String user, String app, boolean withCsrfToken) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(uri("/camunda/app/" + app + "/default/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as("GET " + app).isEqualTo(200);
        String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie from " + app));
        HttpRequest.Builder login = HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/" + app))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)));
        if (withCsrfToken) login.header("X-XSRF-TOKEN", token);
        return browser.send(login.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    // ------------------------------------------------------------------------------------------------
    // Webhooks and finance over REST: the HTTP status each user gets (— = no credentials). Admins only for the
    // webhook endpoints; bodies are empty or point at nothing, so an allowed call stores nothing.
    // ------------------------------------------------------------------------------------------------

    static Stream<Arguments> webhookAndFinanceEndpoints() {
        return Stream.of(
                //    method    path                                                   body   anon  crm  rita dave fiona mark admin
                call("GET",    "/api/admin/webhooks",                                  null,  401, 403, 403, 403, 403, 403, 200),
                call("POST",   "/api/admin/webhooks",                                  "{}",  401, 403, 403, 403, 403, 403, 400),
                call("GET",    "/api/admin/webhooks/0",                                null,  401, 403, 403, 403, 403, 403, 404),
                call("DELETE", "/api/admin/webhooks/0",                                null,  401, 403, 403, 403, 403, 403, 404),
                call("GET",    "/api/admin/webhooks/0/deliveries",                     null,  401, 403, 403, 403, 403, 403, 404),
                call("POST",   "/api/licence-fees/NO-SUCH-DEAL/revenue-reports",       "{}",  401, 403, 403, 403, 404, 403, 404),
                call("POST",   "/api/licence-fees/NO-SUCH-DEAL/instalments/1/invoice", "{}",  401, 403, 403, 403, 404, 403, 404),
                call("POST",   "/api/licence-fees/NO-SUCH-DEAL/instalments/1/payment", "{}",  401, 403, 403, 403, 404, 403, 404));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("webhookAndFinanceEndpoints")
    void webhookAndFinanceApiByRole(String name, String method, String path, String body, int anonymous, int[] byUser) {
        List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
        checks.add(() -> assertThat(anyMethod(null, method, path, body).status()).as("no credentials").isEqualTo(anonymous));
        for (int i = 0; i < USERS.size(); i++) {
            String user = USERS.get(i);
            int expected = byUser[i];
            checks.add(() -> {
                Response r = anyMethod(user, method, path, body);
                assertThat(r.status()).as(user + ": " + r).isEqualTo(expected);
                if (expected == 401 || expected == 403) assertThat(r.contentType()).as(user).startsWith("application/problem+json");
            });
        }
        assertAll(name, checks);
    }

    private Response anyMethod(String user, String method, String path, String body) {
        if (method.equals("GET") || method.equals("POST")) return call(user, method, path, body);
        return send(user, java.net.http.HttpRequest.newBuilder(uri(path)).method(method, java.net.http.HttpRequest.BodyPublishers.noBody()));
    }

    // ------------------------------------------------------------------------------------------------
    // EMA Avails: the export is read as the avails are, the import is a rights-in import (rights managers, admins).
    //    An allowed call ends in the controller's 400 (no such title; not an Avails list) and stores nothing.
    // ------------------------------------------------------------------------------------------------

    static Stream<Arguments> emaEndpoints() {
        return Stream.of(
                //    method  path                                        body                        anon  crm  rita dave fiona mark admin
                call("GET",  "/api/avails/ema?titleIds=0&format=xml",     null,                        401, 404, 404, 404, 403, 404, 404),
                call("GET",  "/api/avails/ema?titleIds=0&of=grants",      null,                        401, 404, 404, 404, 403, 404, 404),
                call("POST", "/api/rights-in/import/ema",                 "<AvailList/>",              401, 403, 400, 403, 403, 403, 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emaEndpoints")
    void emaAvailsByRole(String name, String method, String path, String body, int anonymous, int[] byUser) {
        List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
        java.util.function.Function<String, Response> as = user -> method.equals("GET") ? get(user, path) : post(user, path, "application/xml", body);
        checks.add(() -> assertThat(as.apply(null).status()).as("no credentials").isEqualTo(anonymous));
        for (int i = 0; i < USERS.size(); i++) {
            String user = USERS.get(i);
            int expected = byUser[i];
            checks.add(() -> {
                Response r = as.apply(user);
                assertThat(r.status()).as(user + ": " + r).isEqualTo(expected);
                assertThat(r.contentType()).as(user).startsWith("application/problem+json");
            });
        }
        assertAll(name, checks);
    }
}
