package io.reelflow.rights;

import io.reelflow.rights.GrantLedger.GrantLine;
import io.reelflow.rights.rules.AvailsCalculator;
import io.reelflow.rights.rules.Conflict;
import io.reelflow.rights.rules.ConflictChecker;
import io.reelflow.platform.EngineClock;
import io.reelflow.rights.rules.DateWindow;
import io.reelflow.rights.rules.Elapsed;
import io.reelflow.rights.rules.LicenceRequest;
import io.reelflow.rights.rules.Media;
import io.reelflow.rights.rules.TerritoryAvail;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Checks deals against the rights database and records the grants of clean ones. */
@Service
public class RightsService {

    /** What a deal asks of the rights database. */
    public record DealRights(String dealRef, String licensee, List<Long> titleIds, Set<String> territories, Set<Media> media,
                             DateWindow window, boolean exclusive) {
    }

    /** granted, or refused with the conflicts that stand in the way. */
    public record GrantOutcome(boolean granted, int grantsRecorded, List<Conflict> conflicts) {
    }

    private final RightsSnapshots snapshots;
    private final GrantLedger ledger;
    private final ConflictChecker checker = new ConflictChecker();
    private final AvailsCalculator availsCalculator = new AvailsCalculator();

    public RightsService(RightsSnapshots snapshots, GrantLedger ledger) {
        this.snapshots = snapshots;
        this.ledger = ledger;
    }

    @Transactional(readOnly = true)
    public List<Conflict> check(DealRights deal) {
        RightsSnapshots.Snapshot s = snapshots.load(deal.titleIds());
        List<Conflict> conflicts = new ArrayList<>();
        for (long titleId : deal.titleIds()) {
            conflicts.addAll(checker.check(new LicenceRequest(deal.dealRef(), titleId, deal.territories(), deal.media(), deal.window(), deal.exclusive()),
                    s.held(), s.holdbacks(), s.grants()));
        }
        return conflicts;
    }

    /**
     * Records the deal's grants, all or none. Safe to repeat. When another deal won a race for the
     * same exclusive rights (the database refused some rows), nothing is kept and the conflicts are
     * reported as a fresh check sees them.
     */
    @Transactional
    public GrantOutcome grant(DealRights deal) {
        ledger.removeBlocking(deal.dealRef());
        List<GrantLine> lines = GrantLedger.lines(deal.titleIds(), deal.territories(), deal.media());
        int recorded = ledger.recordActive(deal.dealRef(), deal.licensee(), deal.window(), deal.exclusive(), lines);
        if (recorded == lines.size()) return new GrantOutcome(true, recorded, List.of());
        ledger.removeBlocking(deal.dealRef());
        return new GrantOutcome(false, 0, check(deal));
    }

    /**
     * Records a deal of the past (its window ended before today) for the record and for royalties: its grants as
     * EXPIRED, all or none. History that collides with other grants is refused with the conflicts a check sees.
     */
    @Transactional
    public GrantOutcome recordHistory(DealRights deal) {
        List<GrantLine> lines = GrantLedger.lines(deal.titleIds(), deal.territories(), deal.media());
        int recorded = ledger.recordExpired(deal.dealRef(), deal.licensee(), deal.window(), deal.exclusive(), lines);
        if (recorded == lines.size()) return new GrantOutcome(true, recorded, List.of());
        org.springframework.transaction.interceptor.TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
        return new GrantOutcome(false, 0, check(deal).stream()
                .filter(c -> Conflict.GRANT.equals(c.recordType())).toList());
    }

    /**
     * Gives the deal's rights back (withdrawn deal) from today: its pending or active grants are released, and the
     * days that have passed stay held (release frees the future only).
     */
    @Transactional
    public int releaseAll(String dealRef) {
        return ledger.withdraw(dealRef, EngineClock.today());
    }

    /**
     * Reversion at the end of a window: the deal's grants are released from {@code on}, or from today when that
     * is later (the days held until now stay held).
     */
    @Transactional
    public int release(String dealRef, java.time.LocalDate on) {
        return ledger.release(dealRef, Elapsed.releaseDay(on, EngineClock.today()));
    }

    /**
     * Moves the end of a deal's window in its grants. An extension is checked first: the conflicts
     * of the added days are returned and nothing changes; the database still refuses a race.
     */
    @Transactional
    public List<Conflict> changeEnd(DealRights deal, java.time.LocalDate newEnd) {
        java.time.LocalDate oldEnd = deal.window().end();
        java.time.LocalDate today = EngineClock.today();
        boolean shortens = newEnd != null && (oldEnd == null || newEnd.isBefore(oldEnd));
        if (shortens && newEnd.isBefore(today.minusDays(1)) && deal.window().start().isBefore(today)) {
            // the days after the new end up to yesterday have been held: they cannot be given back
            throw new io.reelflow.platform.web.InvalidInputException("windowEnd", "the days after " + newEnd
                    + " up to " + today.minusDays(1) + " have passed: a window can end yesterday at the earliest");
        }
        boolean extends_ = newEnd == null || (oldEnd != null && newEnd.isAfter(oldEnd));
        if (extends_ && oldEnd != null) {
            DealRights extension = new DealRights(deal.dealRef(), deal.licensee(), deal.titleIds(), deal.territories(), deal.media(),
                    new DateWindow(oldEnd.plusDays(1), newEnd), deal.exclusive());
            List<Conflict> conflicts = check(extension);
            if (!conflicts.isEmpty()) return conflicts;
        }
        ledger.changeEnd(deal.dealRef(), newEnd);
        return List.of();
    }

    @Transactional(readOnly = true)
    public List<GrantView> soldAfter(String dealRef, List<Long> titleIds, java.time.LocalDate after) {
        return ledger.startingAfter(dealRef, titleIds, after);
    }

    @Transactional(readOnly = true)
    public List<TerritoryAvail> avails(long titleId, Media media, DateWindow period, boolean exclusive, Set<String> territories) {
        RightsSnapshots.Snapshot s = snapshots.load(List.of(titleId));
        return availsCalculator.avails(titleId, media, period, exclusive, territories, s.held(), s.holdbacks(), s.grants(),
                EngineClock.today());
    }

    @Transactional(readOnly = true)
    public List<GrantView> grantsOfDeal(String dealRef) {
        return ledger.forDeal(dealRef);
    }

    @Transactional(readOnly = true)
    public List<GrantView> grantsOfTitle(long titleId) {
        return ledger.forTitle(titleId);
    }
}
