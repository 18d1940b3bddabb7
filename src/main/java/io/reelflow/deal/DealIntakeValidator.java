package io.reelflow.deal;

import io.reelflow.platform.LanguageTags;
import io.reelflow.platform.web.FieldProblem;
import io.reelflow.rights.rules.Territories;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The meaning of a deal request (rule layer, no framework): dates, territories, language tags,
 * currency, fee arithmetic. Returns the normalised request and every problem found.
 */
public final class DealIntakeValidator {

    public record Result(DealRequest normalised, Set<String> countries, List<FieldProblem> problems) {
    }

    /** Checks the request without the time rule (as if no day had passed). */
    public Result validate(DealRequest r) {
        return validate(r, null);
    }

    /**
     * @param today the current day (the engine's): a window that has already ended is refused unless the deal is
     *              posted as history, and history must have ended; null = no time rule
     */
    public Result validate(DealRequest r, java.time.LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();

        boolean evergreen = Boolean.TRUE.equals(r.evergreen());
        // PostgreSQL's date ends in year 5874897 and the window's timers need a real calendar: contract dates lie in 1900..2999
        dateInRange(r.windowStart(), "windowStart", problems);
        dateInRange(r.windowEnd(), "windowEnd", problems);
        dateInRange(r.deliveryDue(), "deliveryDue", problems);
        if (r.fee() != null && r.fee().instalments() != null) {
            for (int i = 0; i < r.fee().instalments().size(); i++) {
                DealRequest.Instalment in = r.fee().instalments().get(i);
                if (in != null) dateInRange(in.date(), "fee.instalments[" + i + "].date", problems);
            }
        }
        if (r.windowEnd() == null && !evergreen) {
            problems.add(new FieldProblem("windowEnd", "required unless the deal is evergreen (\"evergreen\": true)"));
        }
        if (r.windowEnd() != null && evergreen) {
            problems.add(new FieldProblem("windowEnd", "an evergreen deal has no end date"));
        }
        if (r.windowEnd() != null && r.windowEnd().isBefore(r.windowStart())) {
            problems.add(new FieldProblem("windowEnd", "window end " + r.windowEnd() + " is before window start " + r.windowStart()));
        }
        if (today != null && r.isHistorical()) {
            if (evergreen) {
                problems.add(new FieldProblem("evergreen", "a historical deal has ended: give its windowEnd instead"));
            } else if (r.windowEnd() != null && !r.windowEnd().isBefore(today)) {
                problems.add(new FieldProblem("historical", "only a deal whose window ended before today (" + today
                        + ") is history; this window ends " + r.windowEnd()));
            }
        } else if (today != null && r.windowEnd() != null && r.windowEnd().isBefore(today)) {
            problems.add(new FieldProblem("windowEnd", "the window ended on " + r.windowEnd() + ", before today (" + today
                    + "): days that have passed cannot be licensed (to record a past deal, post it with \"historical\": true)"));
        }
        if (r.deliveryDue() != null && r.windowEnd() != null && r.deliveryDue().isAfter(r.windowEnd())) {
            problems.add(new FieldProblem("deliveryDue", "delivery due " + r.deliveryDue() + " is after the window ends " + r.windowEnd()));
        }

        Set<String> countries = new TreeSet<>();
        List<String> territories = new ArrayList<>();
        for (int i = 0; i < r.territories().size(); i++) {
            String code = r.territories().get(i).strip().toUpperCase();
            try {
                countries.addAll(Territories.expand(code));
                if (!territories.contains(code)) territories.add(code);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("territories[" + i + "]", e.getMessage()));
            }
        }

        DealRequest.Fee fee = r.fee();
        String currency = fee.currency();
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("fee.currency", "'" + currency + "' is not an ISO 4217 currency code"));
        }
        if (fee.type() == DealRequest.FeeType.FIXED) {
            if (fee.amount() == null) problems.add(new FieldProblem("fee.amount", "required for a FIXED fee"));
            if (fee.minimumGuarantee() != null) problems.add(new FieldProblem("fee.minimumGuarantee", "only for MG_REVENUE_SHARE"));
            if (fee.revenueSharePercent() != null) problems.add(new FieldProblem("fee.revenueSharePercent", "only for MG_REVENUE_SHARE"));
        } else {
            if (fee.minimumGuarantee() == null) problems.add(new FieldProblem("fee.minimumGuarantee", "required for MG_REVENUE_SHARE"));
            if (fee.revenueSharePercent() == null) problems.add(new FieldProblem("fee.revenueSharePercent", "required for MG_REVENUE_SHARE"));
            if (fee.amount() != null) problems.add(new FieldProblem("fee.amount", "only for a FIXED fee (use minimumGuarantee)"));
        }
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < fee.instalments().size(); i++) {
            DealRequest.Instalment in = fee.instalments().get(i);
            total = total.add(in.percent());
            if (in.trigger() == DealRequest.Trigger.DATE && in.date() == null) {
                problems.add(new FieldProblem("fee.instalments[" + i + "].date", "required when the trigger is DATE"));
            }
            if (in.trigger() != DealRequest.Trigger.DATE && in.date() != null) {
                problems.add(new FieldProblem("fee.instalments[" + i + "].date", "only for the DATE trigger"));
            }
        }
        if (total.compareTo(BigDecimal.valueOf(100)) != 0) {
            problems.add(new FieldProblem("fee.instalments", "percentages must add up to 100, they add up to " + total.stripTrailingZeros().toPlainString()));
        }

        DealRequest.Localization loc = r.localization();
        DealRequest.Localization normLoc = null;
        if (loc != null) {
            normLoc = new DealRequest.Localization(
                    tags(loc.subtitles(), "localization.subtitles", problems),
                    tags(loc.dubs(), "localization.dubs", problems),
                    tags(loc.audioDescription(), "localization.audioDescription", problems),
                    tags(loc.forcedNarratives(), "localization.forcedNarratives", problems));
        }

        List<Long> titleIds = new ArrayList<>(new TreeSet<>(r.titleIds()));
        DealRequest normalised = new DealRequest(r.crmDealId().strip(), r.licensee().strip(), titleIds,
                r.media().stream().distinct().sorted().toList(), r.exclusive(), territories.stream().sorted().toList(),
                r.windowStart(), r.windowEnd(), evergreen ? Boolean.TRUE : null, fee, normLoc, r.format(), r.deliveryDue(),
                r.isHistorical() ? Boolean.TRUE : null);
        return new Result(normalised, countries, problems);
    }

    static final java.time.LocalDate EARLIEST = java.time.LocalDate.of(1900, 1, 1);
    static final java.time.LocalDate LATEST = java.time.LocalDate.of(2999, 12, 31);

    private static void dateInRange(java.time.LocalDate date, String field, List<FieldProblem> problems) {
        if (date != null && (date.isBefore(EARLIEST) || date.isAfter(LATEST))) {
            problems.add(new FieldProblem(field, date + " is not a plausible contract date (expected " + EARLIEST + " to " + LATEST + ")"));
        }
    }

    /** Language tags are kept exactly as given (pt-BR is not pt); duplicates are refused, not merged. */
    private static List<String> tags(List<String> tags, String field, List<FieldProblem> problems) {
        if (tags == null) return List.of();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i).strip();
            String problem = LanguageTags.problem(tag);
            if (problem != null) {
                problems.add(new FieldProblem(field + "[" + i + "]", problem));
            } else if (!seen.add(tag)) {
                problems.add(new FieldProblem(field + "[" + i + "]", "'" + tag + "' is listed twice"));
            }
        }
        return List.copyOf(seen);
    }
}
