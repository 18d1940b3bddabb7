package io.reelflow.rights.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Random clocks and random deals on one title x territory x media: deals ask for windows around today (past,
 * present, future, evergreen), are granted when the conflict rules find them clean, run out (reversion, maybe late),
 * are withdrawn, and losing deals are checked again. Grants are judged as the rights database judges them: by the
 * days they hold (a released grant keeps its days before the release). Whatever happens, no day is ever held by two
 * grants when one of them is exclusive, and the avails never offer a day before today.
 */
class ElapsedGrantPropertiesTest {

    private static final long TITLE = 1;
    private static final Set<String> FR = Set.of("FR");
    private static final Set<Media> SVOD = Set.of(Media.SVOD);
    private static final LocalDate EPOCH = LocalDate.of(2020, 1, 1);
    private static final List<RightsHeld> HELD = List.of(
            new RightsHeld(1, TITLE, "Studio A", FR, SVOD, new DateWindow(LocalDate.of(2015, 1, 1), null), true));

    enum Kind { ASK, RUN_OUT, WITHDRAW, CHECK_AGAIN }

    /** one step: the clock moves on {@code days}, then something happens */
    record Step(int days, Kind kind, int startOffset, int length, boolean open, boolean exclusive, int pick) {
    }

    /** a grant as the ledger keeps it: status ACTIVE (releasedOn null) or RELEASED from releasedOn */
    static final class Held {
        final long id;
        final String deal;
        final DateWindow window;
        final boolean exclusive;
        LocalDate releasedOn;
        /** the clock when it was released: every day of its window before then has been licensed, for good */
        LocalDate releasedWhen;

        Held(long id, String deal, DateWindow window, boolean exclusive) {
            this.id = id;
            this.deal = deal;
            this.window = window;
            this.exclusive = exclusive;
        }

        /** the days the ledger says it holds (what the conflict rules are given) */
        Optional<DateWindow> holds() {
            return releasedOn == null ? Optional.of(window) : Elapsed.consumed(window, releasedOn);
        }

        /**
         * The days it has licensed for good, judged from the clock alone: its days before today, or before the day it
         * was released; and while active, its whole window is taken too.
         */
        Optional<DateWindow> licensed(LocalDate today) {
            if (releasedWhen == null) return Optional.of(window);
            LocalDate until = releasedWhen.minusDays(1);
            if (until.isBefore(window.start())) return Optional.empty();
            return Optional.of(new DateWindow(window.start(), window.end() != null && window.end().isBefore(until) ? window.end() : until));
        }
    }

    record Asked(String deal, DateWindow window, boolean exclusive) {
    }

    @Provide
    Arbitrary<Step> steps() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 400),
                Arbitraries.of(Kind.class),
                Arbitraries.integers().between(-600, 600),
                Arbitraries.integers().between(0, 500),
                Arbitraries.integers().between(0, 6).map(i -> i == 0),
                Arbitraries.integers().between(0, 3).map(i -> i > 0),
                Arbitraries.integers().between(0, 1000)).as(Step::new);
    }

    @Property(tries = 300)
    void noDayIsEverHeldTwiceWhenOneHolderIsExclusive(@ForAll("clocks") LocalDate start,
                                                       @ForAll @Size(min = 1, max = 40) List<@net.jqwik.api.From("steps") Step> steps) {
        ConflictChecker checker = new ConflictChecker();
        List<Held> ledger = new ArrayList<>();
        List<Asked> losers = new ArrayList<>();
        LocalDate today = start;
        long nextId = 1;
        for (Step s : steps) {
            today = today.plusDays(s.days());
            switch (s.kind()) {
                case ASK, CHECK_AGAIN -> {
                    Asked ask;
                    if (s.kind() == Kind.CHECK_AGAIN && !losers.isEmpty()) {
                        ask = losers.get(s.pick() % losers.size());
                    } else {
                        LocalDate from = today.plusDays(s.startOffset());
                        ask = new Asked("D" + nextId, new DateWindow(from, s.open() ? null : from.plusDays(s.length())), s.exclusive());
                    }
                    List<Conflict> conflicts = checker.check(new LicenceRequest(ask.deal(), TITLE, FR, SVOD, ask.window(), ask.exclusive()),
                            HELD, List.of(), existing(ledger));
                    if (conflicts.isEmpty()) {
                        if (ledger.stream().noneMatch(h -> h.deal.equals(ask.deal()) && h.releasedOn == null)) {
                            ledger.add(new Held(nextId++, ask.deal(), ask.window(), ask.exclusive()));
                        }
                        losers.remove(ask);
                    } else if (!losers.contains(ask)) {
                        losers.add(ask);
                        nextId++;
                    }
                }
                case RUN_OUT -> {
                    // the window's reversion: asked for the day after the window, run on or after that day (possibly late)
                    LocalDate now = today;
                    List<Held> active = ledger.stream().filter(h -> h.releasedOn == null && h.window.end() != null
                            && h.window.end().isBefore(now)).toList();
                    if (!active.isEmpty()) {
                        Held h = active.get(s.pick() % active.size());
                        h.releasedOn = Elapsed.releaseDay(h.window.end().plusDays(1), today);
                        h.releasedWhen = today;
                    }
                }
                case WITHDRAW -> {
                    List<Held> active = ledger.stream().filter(h -> h.releasedOn == null).toList();
                    if (!active.isEmpty()) {
                        Held h = active.get(s.pick() % active.size());
                        h.releasedOn = Elapsed.releaseDay(today, today);
                        h.releasedWhen = today;
                    }
                }
            }
            assertNoDoubleExclusiveHold(ledger, today);
            assertAvailsStartToday(ledger, today, s);
        }
    }

    private static void assertNoDoubleExclusiveHold(List<Held> ledger, LocalDate today) {
        for (int i = 0; i < ledger.size(); i++) {
            for (int j = i + 1; j < ledger.size(); j++) {
                Held a = ledger.get(i);
                Held b = ledger.get(j);
                if (!a.exclusive && !b.exclusive) continue;
                Optional<DateWindow> ha = a.licensed(today);
                Optional<DateWindow> hb = b.licensed(today);
                if (ha.isEmpty() || hb.isEmpty()) continue;
                assertThat(ha.get().overlaps(hb.get()))
                        .as("on %s: %s %s (%s) and %s %s (%s) hold the same days", today, a.deal, ha.get().label(),
                                a.exclusive ? "exclusive" : "non-exclusive", b.deal, hb.get().label(), b.exclusive ? "exclusive" : "non-exclusive")
                        .isFalse();
            }
        }
    }

    private static void assertAvailsStartToday(List<Held> ledger, LocalDate today, Step s) {
        LocalDate from = today.plusDays(Math.min(s.startOffset(), 0));
        DateWindow period = new DateWindow(from, s.open() ? null : from.plusDays(s.length()));
        TerritoryAvail a = new AvailsCalculator().avails(TITLE, Media.SVOD, period, true, FR, HELD, List.of(), existing(ledger), today).get(0);
        for (DateWindow free : a.freePeriods()) {
            assertThat(free.start()).as("free %s on %s", free.label(), today).isAfterOrEqualTo(today);
            for (Held h : ledger) h.licensed(today).ifPresent(w -> assertThat(free.overlaps(w)).as("free %s vs held %s", free.label(), w.label()).isFalse());
        }
        if (period.start().isBefore(today)) assertThat(a.available()).isFalse();
    }

    private static List<ExistingGrant> existing(List<Held> ledger) {
        List<ExistingGrant> out = new ArrayList<>();
        for (Held h : ledger) {
            h.holds().ifPresent(w -> out.add(new ExistingGrant(h.id, TITLE, "FR", Media.SVOD, w, h.exclusive, "L", h.deal)));
        }
        return out;
    }

    @Provide
    Arbitrary<LocalDate> clocks() {
        return Arbitraries.integers().between(0, 4000).map(EPOCH::plusDays);
    }
}
