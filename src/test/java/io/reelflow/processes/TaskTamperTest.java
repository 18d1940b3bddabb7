package io.reelflow.processes;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.deal.DealLifecycleVariables;
import io.reelflow.royalty.FeeInstalmentVariables;
import io.reelflow.royalty.LicenceFeeVariables;
import io.reelflow.window.WindowWatchVariables;
import io.reelflow.delivery.LocalizationTrackVariables;
import io.reelflow.delivery.NetflixDeliveryVariables;
import io.reelflow.platform.ProcessVariable;
import io.reelflow.royalty.RoyaltyStatementVariables;
import io.reelflow.support.ApiTestSupport;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Process data is a trust boundary: for every user task of every model (read from processes/*.bpmn, so a new task is
 * covered), an instance of deal B is started at that task, and the task is completed through the engine's own
 * TaskService (which no form check restricts) with deal A's ids in every id variable and plausible form values. The
 * rows of deal A (deal, titles, conflicts, events, grants, window, deliveries, tracks, events, QC items, stages,
 * instalments, revenue reports, its licensor agreement, receipts, ledger and statements) are the same before and after
 * the completion and the jobs it starts; only B's own records may change (or the completion is refused).
 */
class TaskTamperTest extends ApiTestSupport {

    private static final Path PROCESSES = Path.of("processes");

    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired io.reelflow.deal.DealWindowService dealWindows;

    /** One deal's identity: everything a task could be told to act on instead of its own. */
    record Ids(String crm, long dealId, long titleId, String titleName, long deliveryId, long trackId, long agreementId, String licensor) {
    }

    @Test
    void completingAnyTaskWithAnotherDealsIdsChangesNothingOfThatDeal() throws Exception {
        Ids a = grantedDeal("TAMPER-A");
        Ids b = grantedDeal("TAMPER-B");
        List<String[]> userTasks = userTasks();
        assertThat(userTasks).hasSizeGreaterThan(20);
        List<String> changed = new ArrayList<>();
        List<String> completed = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String[] t : userTasks) for (boolean ownRouting : new boolean[] {false, true}) {
            String process = t[0];
            String taskKey = t[1] + (ownRouting ? " (own title and track)" : "");
            Map<String, String> before = rowsOf(a);
            ProcessInstance pi = startAt(process, t[1], b);
            Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(t[1]).singleResult();
            assertThat(task).as(process + "/" + taskKey + " started").isNotNull();
            Map<String, Object> tamper = tamper(a);
            if (ownRouting) {
                // the routing ids checked against the deal stay B's: every other id variable is A's, and is ignored
                tamper.remove("titleId");
                tamper.remove("trackId");
            }
            try {
                tasks.complete(task.getId(), tamper);
                completed.add(process + "/" + taskKey);
            } catch (RuntimeException e) {
                refused.add(process + "/" + taskKey + " (" + e.getMessage() + ")"); // refused is fine: what matters is what changed
            }
            runJobsOf(b.crm());
            Map<String, String> after = rowsOf(a);
            if (!before.equals(after)) changed.add(process + "/" + taskKey + ": " + difference(before, after));
            if (runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count() > 0) {
                runtime.deleteProcessInstance(pi.getId(), "tamper test", true, true);
            }
        }
        System.out.println("tamper: completed " + completed + "\ntamper: refused " + refused);
        assertThat(changed).as("tasks of deal B whose completion with deal A's ids changed deal A").isEmpty();
        // most completions go through (the glue acts on B's own records), so the listeners and jobs behind them ran
        assertThat(completed).as("completed with deal A's ids").hasSizeGreaterThan(userTasks.size());
    }

    // ------------------------------------------------------------------ the two deals

    private Ids grantedDeal(String prefix) {
        String licensor = unique(prefix + " Licensor");
        Response ag = postJson("fiona", "/api/licensor-agreements", Map.of("licensor", licensor, "currency", "EUR",
                "distributionFeePercent", 25, "advance", BigDecimal.ZERO, "statementFrequency", "QUARTERLY"));
        assertThat(ag.status()).as(ag.toString()).isEqualTo(201);
        String titleName = unique(prefix + " Title");
        long titleId = createTitle(titleName, "en");
        Response ri = postJson("rita", "/api/rights-in", String.format("""
                {"titleId": %d, "licensor": "%s", "territories": ["FR", "DE"], "media": ["SVOD"],
                 "termStart": "2026-01-01", "termEnd": "2035-12-31", "exclusive": true}""", titleId, licensor));
        assertThat(ri.status()).as(ri.toString()).isEqualTo(201);
        String crm = unique(prefix);
        Response r = postJson("crm", "/api/deals", dealJson(crm, titleId, "[\"FR\", \"DE\"]", "2027-01-01", "2028-12-31"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        runJobs();
        long dealId = jdbc.queryForObject("SELECT id FROM deal WHERE crm_deal_id = ?", Long.class, crm);
        long deliveryId = jdbc.queryForObject("SELECT id FROM delivery WHERE deal_ref = ?", Long.class, crm);
        long trackId = jdbc.queryForObject("SELECT min(id) FROM delivery_track WHERE delivery_id = ?", Long.class, deliveryId);
        assertThat(count("SELECT count(*) FROM grant_out WHERE deal_ref = ?", crm)).as("granted").isPositive();
        assertThat(count("SELECT count(*) FROM fee_instalment WHERE deal_ref = ?", crm)).as("instalments").isPositive();
        return new Ids(crm, dealId, titleId, titleName, deliveryId, trackId, ag.json().get("id").asLong(), licensor);
    }

    /** Every (process id, user task id) of the models; deal-lifecycle and window-watch last (they may end deal B). */
    private static List<String[]> userTasks() throws Exception {
        List<String[]> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(PROCESSES)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
                BpmnModelInstance model = Bpmn.readModelFromFile(p.toFile());
                String id = model.getModelElementsByType(Process.class).iterator().next().getId();
                for (UserTask t : model.getModelElementsByType(UserTask.class)) out.add(new String[] {id, t.getId()});
            }
        }
        out.sort((x, y) -> Boolean.compare(last(x[0]), last(y[0])));
        return out;
    }

    private static boolean last(String process) {
        return process.equals("deal-lifecycle") || process.equals("window-watch");
    }

    /** An instance of deal B (or of B's licensor agreement) started at the task, with the routing variables its glue sets. */
    private ProcessInstance startAt(String process, String taskKey, Ids b) {
        if (process.equals(WindowWatchVariables.PROCESS)) {
            // the window's timers read its stored plan: a renewal decision pending, as when the alert fell due
            jdbc.update("UPDATE licence_window SET renewal_status = 'NOT_DUE' WHERE deal_ref = ?", b.crm());
            dealWindows.planTimers(b.dealId(), io.reelflow.platform.EngineClock.today());
        }
        Map<String, Object> vars = new HashMap<>();
        for (ProcessVariable<?> v : variablesOf(process)) {
            if (v.role() != ProcessVariable.Role.ROUTING) continue;
            Object value = switch (v.name()) {
                case "dealId" -> b.dealId();
                case "crmDealId" -> b.crm();
                case "titleId" -> b.titleId();
                case "deliveryId" -> b.deliveryId();
                case "trackId" -> b.trackId();
                case "agreementId" -> b.agreementId();
                case "licensor" -> b.licensor();
                case "titleName", "titleNames" -> b.titleName();
                case "licensee" -> "Netflix";
                case "instalmentNumber" -> 1;
                case "revenueQuarter" -> "2027-Q1";
                case "periodLabel" -> runtime.getVariable(runtime.createProcessInstanceQuery().processDefinitionKey(RoyaltyStatementVariables.PROCESS)
                        .processInstanceBusinessKey("licensor-agreement-" + b.agreementId()).singleResult().getId(), "periodLabel");
                case "backlotEscalation", "qcEscalation" -> "P5D";
                case "fxFrom" -> "USD";
                case "fxTo" -> "EUR";
                case "fxDate" -> "2027-01-20";
                case "completedByEvent" -> null;
                default -> v.type() == Date.class ? Date.from(Instant.now().plus(30, ChronoUnit.DAYS))
                        : v.type() == Boolean.class ? Boolean.FALSE
                        : v.type() == Integer.class ? 1
                        : v.type() == Long.class ? 1L : "x";
            };
            if (value != null) vars.put(v.name(), value);
        }
        String key = process.equals(RoyaltyStatementVariables.PROCESS) ? "licensor-agreement-" + b.agreementId() : b.crm();
        return runtime.createProcessInstanceByKey(process).businessKey(key).setVariables(vars).startBeforeActivity(taskKey).execute();
    }

    private static List<ProcessVariable<?>> variablesOf(String process) {
        Class<?> type = switch (process) {
            case DealLifecycleVariables.PROCESS -> DealLifecycleVariables.class;
            case WindowWatchVariables.PROCESS -> WindowWatchVariables.class;
            case LicenceFeeVariables.PROCESS -> LicenceFeeVariables.class;
            case FeeInstalmentVariables.PROCESS -> FeeInstalmentVariables.class;
            case NetflixDeliveryVariables.PROCESS -> NetflixDeliveryVariables.class;
            case LocalizationTrackVariables.PROCESS -> LocalizationTrackVariables.class;
            case RoyaltyStatementVariables.PROCESS -> RoyaltyStatementVariables.class;
            default -> throw new AssertionError("no variables class for " + process);
        };
        return ProcessVariable.declaredIn(type);
    }

    /** Deal A's ids in every id variable, and form values each listener accepts. */
    private static Map<String, Object> tamper(Ids a) {
        Map<String, Object> v = new HashMap<>();
        v.put("dealId", a.dealId());
        v.put("crmDealId", a.crm());
        v.put("titleId", a.titleId());
        v.put("deliveryId", a.deliveryId());
        v.put("trackId", a.trackId());
        v.put("instalmentId", a.dealId());
        v.put("statementId", a.agreementId());
        v.put("agreementId", a.agreementId());
        v.put("licensor", a.licensor());
        v.put("acceptedDeliveryId", a.deliveryId());
        // the decisions that act most: withdraw, let expire
        v.put("resolution", "WITHDRAW");
        v.put("resolutionNote", "tamper");
        v.put("renewalDecision", "LET_EXPIRE");
        v.put("renewalNote", "tamper");
        v.put("backlotTitleId", "81234567");
        v.put("sourceRequests", "IMF package: SR-1");
        v.put("postHouse", "Pixel Lab");
        v.put("purchaseOrder", "PO-1");
        v.put("vendor", "Babel Studio");
        v.put("packageLocation", "/nonexistent/package");
        v.put("trackFileLocation", "/nonexistent/track.ttml");
        v.put("qcResult", "ACCEPTED");
        v.put("uploaded", true);
        v.put("returnNote", "sent back");
        v.put("escalationNote", "chased");
        v.put("riskNote", "noted");
        v.put("riskDecision", "CANCEL");
        v.put("metadataNote", "fixed");
        v.put("chaseNote", "chased");
        v.put("invoiceNumber", "INV-TAMPER");
        v.put("invoicedOn", java.time.LocalDate.now().toString());
        v.put("paidAmount", "125000.00");
        v.put("paidCurrency", "EUR");
        v.put("paidOn", java.time.LocalDate.now().minusDays(1).toString());
        v.put("bankReference", "BANK-TAMPER");
        v.put("fxRate", "1.1");
        v.put("revenue", "1000.00");
        v.put("revenueCurrency", "EUR");
        v.put("reportReference", "REP-TAMPER");
        v.put("confirmIssue", true);
        return v;
    }

    private void runJobsOf(String businessKey) {
        for (int round = 0; round < 20; round++) {
            List<String> instances = runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).list().stream()
                    .map(ProcessInstance::getId).toList();
            List<Job> jobs = new ArrayList<>();
            for (String id : instances) jobs.addAll(management.createJobQuery().processInstanceId(id).executable().list());
            if (jobs.isEmpty()) return;
            for (Job job : jobs) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException failed) {
                    // a refused id fails the job (retries, incident): that is the point
                }
            }
        }
    }

    // ------------------------------------------------------------------ deal A's rows

    /** Per table of the domain schema, the rows that belong to deal A (as JSON, sorted). */
    private Map<String, String> rowsOf(Ids a) {
        List<Long> titles = jdbc.queryForList("SELECT title_id FROM deal_title WHERE deal_id = ?", Long.class, a.dealId());
        String titleList = titles.stream().map(String::valueOf).collect(Collectors.joining(","));
        List<Map<String, Object>> columns = jdbc.queryForList("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name NOT LIKE 'act\\_%' AND table_name NOT LIKE 'flyway%'""");
        Map<String, List<String>> byTable = new HashMap<>();
        for (var c : columns) byTable.computeIfAbsent((String) c.get("table_name"), k -> new ArrayList<>()).add((String) c.get("column_name"));
        Map<String, String> out = new java.util.TreeMap<>();
        for (var e : byTable.entrySet()) {
            String table = e.getKey();
            List<String> cols = e.getValue();
            List<String> where = new ArrayList<>();
            if (cols.contains("deal_ref")) where.add("deal_ref = '" + a.crm() + "'");
            if (cols.contains("crm_deal_id")) where.add("crm_deal_id = '" + a.crm() + "'");
            if (cols.contains("deal_id")) where.add("deal_id = " + a.dealId());
            if (cols.contains("delivery_id")) where.add("delivery_id = " + a.deliveryId());
            if (cols.contains("agreement_id")) where.add("agreement_id = " + a.agreementId());
            if (cols.contains("title_id") && !titleList.isEmpty()) where.add("title_id IN (" + titleList + ")");
            if (table.equals("delivery")) where.add("id = " + a.deliveryId());
            if (table.equals("licensor_agreement")) where.add("id = " + a.agreementId());
            if (table.equals("title") && !titleList.isEmpty()) where.add("id IN (" + titleList + ")");
            if (where.isEmpty()) continue;
            List<String> rows = jdbc.queryForList("SELECT row_to_json(t)::text FROM " + table + " t WHERE " + String.join(" OR ", where)
                    + " ORDER BY 1", String.class);
            out.put(table, String.join("\n", rows));
        }
        assertThat(out.get("deal")).as("deal A's row is read").contains(a.crm());
        return out;
    }

    private static String difference(Map<String, String> before, Map<String, String> after) {
        StringBuilder sb = new StringBuilder();
        for (String table : before.keySet()) {
            if (!before.get(table).equals(after.get(table))) {
                sb.append(table).append(": before ").append(before.get(table)).append(" after ").append(after.get(table)).append("; ");
            }
        }
        return sb.toString();
    }
}
