package io.reelflow.deal;

import io.reelflow.platform.web.FieldProblem;
import io.reelflow.platform.web.FormValues;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.rights.CatalogueService;
import io.reelflow.rights.RightsService;
import io.reelflow.rights.RightsService.DealRights;
import io.reelflow.rights.RightsService.GrantOutcome;
import io.reelflow.rights.rules.Conflict;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The rights part of a deal's life: check, grant, a rights manager's resolution, withdrawal. */
@Service
public class DealRightsService {

    /** What the rights manager's task shows. */
    public record CheckOutcome(boolean clear, int conflictCount, String summary, Set<String> conflictingTerritories, LocalDate windowStart,
                               LocalDate windowEnd) {
    }

    public enum Resolution { CARVE_OUT, CHANGE_WINDOW, RECHECK, WITHDRAW }

    private static final int SUMMARY_LINES = 60;

    private final DealRecords records;
    private final ProcessDeal processDeal;
    private final RightsService rights;

    public DealRightsService(DealRecords records, ProcessDeal processDeal, RightsService rights) {
        this.records = records;
        this.processDeal = processDeal;
        this.rights = rights;
    }

    @Transactional
    public CheckOutcome check(long dealId) {
        Deal deal = deal(dealId);
        List<Conflict> conflicts = rights.check(rightsOf(deal));
        return record(deal, conflicts);
    }

    /** Records the grants; false when another deal took some of the rights since the check. */
    @Transactional
    public CheckOutcome grant(long dealId) {
        Deal deal = deal(dealId);
        if (deal.getStatus() == DealStatus.GRANTED) {
            return new CheckOutcome(true, 0, "", Set.of(), deal.getWindowStart(), deal.getWindowEnd());
        }
        GrantOutcome outcome = rights.grant(rightsOf(deal));
        if (outcome.granted()) {
            deal.moveTo(DealStatus.GRANTED);
            records.replaceConflicts(deal.getId(), List.of());
            records.event(deal.getId(), "GRANTED", outcome.grantsRecorded() + " grants recorded", null);
            return new CheckOutcome(true, 0, "", Set.of(), deal.getWindowStart(), deal.getWindowEnd());
        }
        records.event(deal.getId(), "GRANT_REFUSED", "another deal took some of these rights since the check", null);
        return record(deal, outcome.conflicts());
    }

    /**
     * Applies a rights manager's decision. Refuses bad input (naming the form field) and changes nothing then.
     */
    @Transactional
    public void resolve(long dealId, String resolution, String carveOut, String newStart, String newEnd, String note, String actor) {
        Deal deal = deal(dealId);
        Resolution r;
        try {
            r = Resolution.valueOf(resolution == null ? "" : resolution.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("resolution", "choose one of CARVE_OUT, CHANGE_WINDOW, RECHECK, WITHDRAW");
        }
        String why = note == null || note.isBlank() ? "" : " (" + note.strip() + ")";
        switch (r) {
            case CARVE_OUT -> {
                List<FieldProblem> problems = new ArrayList<>();
                List<String> codes = carveOut == null ? List.of() : List.of(carveOut.strip().split("[\\s,;|]+"));
                codes = codes.stream().filter(s -> !s.isBlank()).toList();
                if (codes.isEmpty()) throw new InvalidInputException("carveOutTerritories", "name the territories to carve out");
                Set<String> remove = CatalogueService.territories(codes, "carveOutTerritories", problems);
                if (!problems.isEmpty()) throw new InvalidInputException(problems);
                Set<String> remaining = new TreeSet<>(deal.getTerritories());
                remaining.removeAll(remove);
                if (remaining.isEmpty()) {
                    throw new InvalidInputException("carveOutTerritories", "this would leave the deal without territories; withdraw it instead");
                }
                Set<String> removed = new TreeSet<>(deal.getTerritories());
                removed.retainAll(remove);
                if (removed.isEmpty()) {
                    throw new InvalidInputException("carveOutTerritories", "none of " + codes + " is in the deal");
                }
                deal.changeTerritories(remaining);
                records.event(deal.getId(), "CARVED_OUT", "territories carved out: " + String.join(" ", removed) + why, actor);
            }
            case CHANGE_WINDOW -> {
                LocalDate start = FormValues.date(newStart, "newWindowStart", true);
                LocalDate end = FormValues.date(newEnd, "newWindowEnd", deal.getWindowEnd() != null);
                if (end != null && end.isBefore(start)) {
                    throw new InvalidInputException("newWindowEnd", "window end " + end + " is before window start " + start);
                }
                if (start.equals(deal.getWindowStart()) && java.util.Objects.equals(end, deal.getWindowEnd())) {
                    throw new InvalidInputException("newWindowStart", "the window is unchanged");
                }
                String before = deal.getWindowStart() + ".." + deal.getWindowEnd();
                deal.changeWindow(start, end);
                records.event(deal.getId(), "WINDOW_CHANGED", "window " + before + " changed to " + start + ".." + end + why, actor);
            }
            case RECHECK -> records.event(deal.getId(), "RECHECK", "check again as it is" + why, actor);
            case WITHDRAW -> records.event(deal.getId(), "WITHDRAW_DECIDED", "withdrawal decided" + why, actor);
        }
    }

    @Transactional
    public void withdraw(long dealId) {
        Deal deal = deal(dealId);
        if (deal.getStatus() == DealStatus.WITHDRAWN) return;
        int released = rights.releaseAll(deal.getCrmDealId());
        deal.moveTo(DealStatus.WITHDRAWN);
        records.event(deal.getId(), "WITHDRAWN", "deal withdrawn" + (released > 0 ? "; " + released + " grants released" : ""), null);
    }

    /** The conflicts as the last check recorded them: what the rights manager's form shows. */
    @Transactional(readOnly = true)
    public CheckOutcome recorded(long dealId) {
        Deal deal = deal(dealId);
        List<DealRecords.ConflictRow> rows = records.conflicts(dealId);
        Set<String> territories = new TreeSet<>();
        rows.forEach(c -> territories.add(c.territory()));
        return new CheckOutcome(rows.isEmpty(), rows.size(), summary(deal), territories, deal.getWindowStart(), deal.getWindowEnd());
    }

    private CheckOutcome record(Deal deal, List<Conflict> conflicts) {
        records.replaceConflicts(deal.getId(), conflicts);
        if (conflicts.isEmpty()) {
            return new CheckOutcome(true, 0, "", Set.of(), deal.getWindowStart(), deal.getWindowEnd());
        }
        if (deal.getStatus() != DealStatus.CONFLICT) {
            deal.moveTo(DealStatus.CONFLICT);
        }
        records.event(deal.getId(), "CONFLICTS", conflicts.size() + " conflicts found", null);
        Set<String> territories = new TreeSet<>();
        conflicts.forEach(c -> territories.add(c.territory()));
        return new CheckOutcome(false, conflicts.size(), summary(deal), territories, deal.getWindowStart(), deal.getWindowEnd());
    }

    private String summary(Deal deal) {
        List<DealRecords.ConflictRow> rows = records.conflicts(deal.getId());
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (DealRecords.ConflictRow c : rows) {
            if (shown++ == SUMMARY_LINES) {
                sb.append("… and ").append(rows.size() - SUMMARY_LINES).append(" more (GET /api/deals/").append(deal.getCrmDealId()).append(")\n");
                break;
            }
            sb.append(c.rule()).append(" · ").append(c.titleName()).append(" · ").append(c.message()).append('\n');
        }
        return sb.toString().strip();
    }


    private Deal deal(long dealId) {
        return processDeal.byId(dealId);
    }

    private DealRights rightsOf(Deal deal) {
        return new DealRights(deal.getCrmDealId(), deal.getLicensee(),
                processDeal.titles(deal.getId()).stream().map(DealRecords.DealTitle::titleId).toList(),
                new LinkedHashSet<>(deal.getTerritories()), deal.getMedia(), deal.window(), deal.isExclusive());
    }
}
