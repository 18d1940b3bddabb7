package io.reelflow.deal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelflow.deal.rules.TermsDiff;
import io.reelflow.platform.web.ConflictException;
import io.reelflow.platform.web.FieldProblem;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.platform.web.NotFoundException;
import io.reelflow.rights.GrantView;
import io.reelflow.rights.RightsService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.annotation.Transactional;

/** CRM intake: validate, record the deal and start its deal-lifecycle, in one transaction. */
@Service
public class DealService {

    public static final String PROCESS_KEY = "deal-lifecycle";

    public record IntakeResult(DealView deal, boolean created) {
    }

    private final DealRepository deals;
    private final DealRecords records;
    private final RightsService rights;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final ObjectMapper json;
    private final io.reelflow.window.WindowService windows;
    private final io.reelflow.delivery.DeliveryService deliveries;
    private final DealWindowService dealWindows;
    private final TransactionTemplate tx;
    private final DealIntakeValidator validator = new DealIntakeValidator();

    public DealService(DealRepository deals, DealRecords records, RightsService rights,
                       RuntimeService runtime, HistoryService history, ObjectMapper json, io.reelflow.window.WindowService windows,
                       io.reelflow.delivery.DeliveryService deliveries, DealWindowService dealWindows, PlatformTransactionManager transactions) {
        this.deliveries = deliveries;
        this.dealWindows = dealWindows;
        this.tx = new TransactionTemplate(transactions);
        this.deals = deals;
        this.records = records;
        this.rights = rights;
        this.runtime = runtime;
        this.history = history;
        this.json = json;
        this.windows = windows;
    }

    /**
     * Records a signed deal and starts its {@code deal-lifecycle} (business key = CRM deal id), or
     * answers with the deal already recorded under that id when the terms are the same.
     *
     * @throws InvalidInputException nothing stored, no process started
     * @throws ConflictException     same CRM deal id, other terms: lists what differs
     */
    public IntakeResult intake(DealRequest request) {
        try {
            return tx.execute(status -> intakeOnce(request));
        } catch (DataIntegrityViolationException raced) {
            // the same deal was posted concurrently and the other request committed first: answered as a repeat
            return tx.execute(status -> intakeOnce(request));
        }
    }

    private IntakeResult intakeOnce(DealRequest request) {
        java.time.LocalDate today = io.reelflow.platform.EngineClock.today();
        DealIntakeValidator.Result v = validator.validate(request, today);
        List<FieldProblem> problems = new ArrayList<>(v.problems());
        DealRequest deal = v.normalised();

        var existing = records.idOfCrmDeal(deal.crmDealId());
        if (existing.isPresent()) {
            if (!problems.isEmpty()) throw new InvalidInputException(problems);
            return new IntakeResult(sameOrConflict(deals.byId(existing.get()), deal), false);
        }

        List<String> titleNames = new ArrayList<>();
        List<DealRecords.DealTitle> dealTitles = new ArrayList<>();
        List<FieldProblem> unknown = new ArrayList<>();
        Map<Long, String> names = records.titleNames(request.titleIds());
        for (int i = 0; i < request.titleIds().size(); i++) {
            Long id = request.titleIds().get(i);
            String name = names.get(id);
            if (name == null) {
                unknown.add(new FieldProblem("titleIds[" + i + "]", "no title with id " + id));
                continue;
            }
            dealTitles.add(new DealRecords.DealTitle(id, name));
            if (!titleNames.contains(name)) titleNames.add(name);
        }
        // a reference to nothing is 404, naming the field, before what the deal's terms mean
        if (!unknown.isEmpty()) throw new NotFoundException(unknown);
        if (!problems.isEmpty()) throw new InvalidInputException(problems);

        Deal fresh = new Deal(deal.crmDealId(), deal.licensee(), deal.media(), deal.exclusive(), deal.territories(),
                v.countries(), deal.windowStart(), deal.windowEnd(), deal.deliveryDue(), deal);
        // no variables: the business key says which deal; names and forms read the deal's records. Started before the
        // deal row is written, so that the row is inserted once, with its process (the process's first step is a job,
        // which runs after this transaction commits; a rollback removes both)
        ProcessInstance pi = deal.isHistorical() ? null : runtime.startProcessInstanceByKey(PROCESS_KEY, deal.crmDealId());
        if (pi != null) fresh.startedAs(pi.getId());
        Deal saved = deals.saveAndFlush(fresh);
        records.addTitles(saved.getId(), deal.titleIds());
        if (deal.isHistorical()) return new IntakeResult(recordHistory(saved, deal, dealTitles, today), true);
        DealRecords.DealEvent received = records.event(saved.getId(), "RECEIVED", "deal received from the CRM", null, saved.getCreatedAt());
        java.util.Date startTime = recordedStartTime(pi.getId());
        return new IntakeResult(receivedView(saved, dealTitles, received, pi.getId(), startTime), true);
    }

    /**
     * The engine's start time (its clock) as history recorded it, read by the instance's id. A native query: the
     * engine's history query builds its SQL (authorization checks, every optional filter) anew on each call, which
     * cost a sixth of a deal request's CPU for one row this request has just written.
     */
    private java.util.Date recordedStartTime(String processInstanceId) {
        // the engine's tables carry no prefix here (see JobAcquisitionByDueDate); its table-name lookup is for admins
        return history.createNativeHistoricProcessInstanceQuery()
                .sql("SELECT * FROM ACT_HI_PROCINST WHERE ID_ = #{id}")
                .parameter("id", processInstanceId)
                .singleResult().getStartTime();
    }

    /**
     * The answer to a new deal, from what this request has just written: no conflicts, grants or window yet, one
     * event, and its deal-lifecycle, started and waiting for the conflict check (an asynchronous step, so nothing
     * runs in the request). The same as {@link #find} would read, with one query instead of ten.
     */
    private static DealView receivedView(Deal d, List<DealRecords.DealTitle> dealTitles, DealRecords.DealEvent received,
                                         String instanceId, java.util.Date startTime) {
        DealView.ProcessView lifecycle = new DealView.ProcessView(PROCESS_KEY, instanceId, "ACTIVE", startTime, null, List.of(), null);
        return new DealView(d.getCrmDealId(), d.getStatus(), d.getLicensee(), List.copyOf(dealTitles), d.getMedia(), d.isExclusive(),
                d.getTerritoriesRequested(), d.getTerritories(), d.getWindowStart(), d.getWindowEnd(), d.getDeliveryDue(),
                List.of(), List.of(), null, List.of(lifecycle), List.of(received), d.getCreatedAt(), d.getUpdatedAt(),
                DealView.ElapsedPart.of(d.getWindowStart(), d.getWindowEnd(), io.reelflow.platform.EngineClock.today()));
    }

    /**
     * A deal of the past, loaded for the record: CLOSED at once, its grants EXPIRED (they hold their window for ever,
     * so later deals cannot be offered those days), no process started (no delivery, no window watch, no fee).
     * History that collides with other grants is refused (409) and nothing is stored.
     */
    private DealView recordHistory(Deal saved, DealRequest deal, List<DealRecords.DealTitle> dealTitles, java.time.LocalDate today) {
        RightsService.GrantOutcome outcome = rights.recordHistory(new RightsService.DealRights(deal.crmDealId(), deal.licensee(),
                deal.titleIds(), saved.getTerritories(), saved.getMedia(), saved.window(), deal.exclusive()));
        if (!outcome.granted()) {
            List<FieldProblem> collisions = new ArrayList<>();
            for (var c : outcome.conflicts()) {
                if (collisions.size() == 20) break;
                collisions.add(new FieldProblem("territories", c.message()));
            }
            if (collisions.isEmpty()) collisions.add(new FieldProblem("windowStart", "another grant holds some of these days"));
            throw new ConflictException("deal " + deal.crmDealId() + " collides with grants already recorded for those days", collisions);
        }
        saved.moveTo(DealStatus.CLOSED);
        records.event(saved.getId(), "RECEIVED", "deal received from the CRM as history", null, saved.getCreatedAt());
        records.event(saved.getId(), "HISTORICAL", "recorded as history: window " + saved.window().label()
                + " ended before " + today + "; " + outcome.grantsRecorded() + " grants recorded as expired", null, saved.getCreatedAt());
        deals.flush();
        return view(saved);
    }

    @Transactional(readOnly = true)
    public DealView find(String crmDealId) {
        return view(deals.byCrmDealId(crmDealId));
    }

    /**
     * The CRM moved the last day of a granted deal's window (see {@link DealWindowService#amend}); answers the deal as
     * it now stands. An extension that collides with rights licensed by a concurrent request is a 409, nothing changed.
     */
    public DealView amend(String crmDealId, java.time.LocalDate newEnd, String reason) {
        try {
            return tx.execute(status -> view(dealWindows.amend(deals.byCrmDealId(crmDealId), newEnd, reason)));
        } catch (DataIntegrityViolationException raced) {
            throw new ConflictException("the new last day collides with rights licensed meanwhile", List.of());
        }
    }

    private DealView sameOrConflict(Deal recorded, DealRequest posted) {
        List<FieldProblem> diffs = TermsDiff.between(tree(recorded.terms()), tree(posted)).stream()
                .map(d -> new FieldProblem(d.field(), d.reason())).toList();
        if (!diffs.isEmpty()) {
            throw new ConflictException("deal " + recorded.getCrmDealId() + " is already recorded with other terms", diffs);
        }
        return view(recorded);
    }

    /** The terms as the plain tree of their JSON, which {@link TermsDiff} compares field by field. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> tree(DealRequest terms) {
        return (Map<String, Object>) plain(json.valueToTree(terms));
    }

    private static Object plain(com.fasterxml.jackson.databind.JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return null;
        if (node.isObject()) {
            Map<String, Object> map = new java.util.LinkedHashMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(e -> list.add(plain(e)));
            return list;
        }
        if (node.isNumber()) return node.decimalValue();
        if (node.isBoolean()) return node.booleanValue();
        return node.asText();
    }

    /** The deal's own events and, in time order among them, each title's delivery stages and Netflix's QC outcomes. */
    private List<DealRecords.DealEvent> trail(Deal d) {
        List<DealRecords.DealEvent> events = new ArrayList<>(records.events(d.getId()));
        for (io.reelflow.delivery.DeliveryService.StageChange c : deliveries.stageTrail(d.getCrmDealId())) {
            events.add(new DealRecords.DealEvent(c.at(), "DELIVERY_" + c.stage().name(), c.titleName() + ": " + stageText(c.stage()), null));
        }
        for (io.reelflow.delivery.DeliveryService.TitleDecision td : deliveries.decisionsOfDeal(d.getCrmDealId())) {
            io.reelflow.delivery.DeliveryService.Decision c = td.decision();
            String title = td.titleName();
            events.add(new DealRecords.DealEvent(c.decidedAt(), "DELIVERY_DECISION", title + ": at risk after " + c.rejections()
                    + " rejections, decided: " + c.text(), c.decidedBy()));
        }
        events.sort(java.util.Comparator.comparing(DealRecords.DealEvent::at));
        return events;
    }

    private static String stageText(io.reelflow.delivery.DeliveryStage stage) {
        return switch (stage) {
            case BACKLOT_SETUP -> "delivery created, Backlot setup next";
            case PREPARING -> "package and tracks being prepared";
            case READY -> "complete, ready to upload";
            case SUBMITTED -> "uploaded to Netflix, waiting for QC";
            case REJECTED -> "rejected by Netflix QC";
            case ACCEPTED -> "accepted by Netflix";
            case CANCELLED -> "delivery cancelled";
        };
    }

    DealView view(Deal d) {
        List<GrantView> grants = rights.grantsOfDeal(d.getCrmDealId());
        List<DealView.ProcessView> processes = new ArrayList<>();
        for (HistoricProcessInstance p : history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(d.getCrmDealId())
                .orderByProcessInstanceStartTime().asc().list()) {
            // user tasks by their task name ("Resolve rights conflict: <title>"), other steps by activity name
            List<String> waitingAt = new ArrayList<>();
            history.createHistoricTaskInstanceQuery().processInstanceId(p.getId()).unfinished().list()
                    .forEach(t -> waitingAt.add(t.getName()));
            history.createHistoricActivityInstanceQuery().processInstanceId(p.getId()).unfinished().list().stream()
                    .filter(a -> (!a.getActivityType().contains("Gateway") || "eventBasedGateway".equals(a.getActivityType()))
                            && !"subProcess".equals(a.getActivityType())
                            && !"userTask".equals(a.getActivityType()))
                    .map(HistoricActivityInstance::getActivityName).filter(n -> n != null).forEach(waitingAt::add);
            processes.add(new DealView.ProcessView(p.getProcessDefinitionKey(), p.getId(), p.getState(), p.getStartTime(), p.getEndTime(),
                    waitingAt, p.getEndActivityId()));
        }
        return new DealView(d.getCrmDealId(), d.getStatus(), d.getLicensee(), records.titles(d.getId()), d.getMedia(), d.isExclusive(),
                d.getTerritoriesRequested(), d.getTerritories(), d.getWindowStart(), d.getWindowEnd(), d.getDeliveryDue(),
                records.conflicts(d.getId()), grants, windows.find(d.getCrmDealId()).orElse(null), processes, trail(d),
                d.getCreatedAt(), d.getUpdatedAt(), DealView.ElapsedPart.of(d.getWindowStart(), d.getWindowEnd(), io.reelflow.platform.EngineClock.today()));
    }
}
