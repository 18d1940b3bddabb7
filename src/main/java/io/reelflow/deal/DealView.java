package io.reelflow.deal;

import io.reelflow.rights.GrantView;
import io.reelflow.rights.rules.Media;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Set;

/** A deal as the CRM reads it: status, conflicts, grants and where its processes stand. */
public record DealView(String crmDealId, DealStatus status, String licensee, List<DealRecords.DealTitle> titles, Set<Media> media,
                       boolean exclusive, Set<String> territoriesRequested, Set<String> territories, LocalDate windowStart,
                       LocalDate windowEnd, LocalDate deliveryDue, List<DealRecords.ConflictRow> conflicts, List<GrantView> grants,
                       io.reelflow.window.WindowService.LicenceWindow window, List<ProcessView> processes, List<DealRecords.DealEvent> events,
                       Instant createdAt, Instant updatedAt, ElapsedPart elapsed) {

    public DealView(String crmDealId, DealStatus status, String licensee, List<DealRecords.DealTitle> titles, Set<Media> media,
                    boolean exclusive, Set<String> territoriesRequested, Set<String> territories, LocalDate windowStart,
                    LocalDate windowEnd, LocalDate deliveryDue, List<DealRecords.ConflictRow> conflicts, List<GrantView> grants,
                    io.reelflow.window.WindowService.LicenceWindow window, List<ProcessView> processes, List<DealRecords.DealEvent> events,
                    Instant createdAt, Instant updatedAt) {
        this(crmDealId, status, licensee, titles, media, exclusive, territoriesRequested, territories, windowStart, windowEnd, deliveryDue,
                conflicts, grants, window, processes, events, createdAt, updatedAt, null);
    }

    /**
     * The part of the window before today (the engine's day): those days are granted as asked, and spent.
     *
     * @param days how many days of the window have passed
     * @param wholeWindow true when the whole window has passed
     */
    public record ElapsedPart(LocalDate from, LocalDate to, long days, boolean wholeWindow) {

        /** null when no day of the window has passed */
        public static ElapsedPart of(LocalDate windowStart, LocalDate windowEnd, LocalDate today) {
            if (windowStart == null || today == null) return null;
            return io.reelflow.rights.rules.Elapsed.part(new io.reelflow.rights.rules.DateWindow(windowStart, windowEnd), today)
                    .map(p -> new ElapsedPart(p.start(), p.end(), p.days().orElseThrow(),
                            windowEnd != null && windowEnd.equals(p.end())))
                    .orElse(null);
        }
    }

    /** The event that records a renewal's new licence fee: money, seen by finance and admins only. */
    public static final String RENEWAL_FEE = "RENEWAL_FEE";

    /** The deal as a caller who may not see money reads it: the same, without the events that carry amounts. */
    public DealView withoutMoney() {
        if (events == null || events.stream().noneMatch(e -> RENEWAL_FEE.equals(e.kind()))) return this;
        return new DealView(crmDealId, status, licensee, titles, media, exclusive, territoriesRequested, territories, windowStart, windowEnd,
                deliveryDue, conflicts, grants, window, processes, events.stream().filter(e -> !RENEWAL_FEE.equals(e.kind())).toList(),
                createdAt, updatedAt, elapsed);
    }

    /** @param waitingAt names of the activities the instance is at now (empty when ended) */
    public record ProcessView(String process, String instanceId, String state, Date started, Date ended, List<String> waitingAt,
                              String endedAt) {
    }
}
