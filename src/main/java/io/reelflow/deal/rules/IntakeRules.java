package io.reelflow.deal.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What a signed deal's terms must mean before it is recorded: dates in a contract's range and in order, the time rule
 * (days that have passed cannot be licensed; history must have ended), territories that expand to countries, an ISO
 * 4217 currency, fee arithmetic (instalments add up to 100) and BCP 47 language tags kept exactly. Plain Java: the
 * territory expansion and the language-tag check are given to it, and it answers every problem found, with the field
 * (as the CRM's JSON names it) and the reason.
 */
public final class IntakeRules {

    /** Contract dates lie in this range: PostgreSQL's dates end in year 5874897, and the window's timers need a calendar. */
    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2999, 12, 31);

    /** One thing wrong with the terms: the field, as the request names it, and why. */
    public record Problem(String field, String reason) {
    }

    public enum FeeType { FIXED, MG_REVENUE_SHARE }

    /** One instalment of the fee: its share, whether it falls due on a date (the DATE trigger), and that date. */
    public record Instalment(BigDecimal percent, boolean dateTrigger, LocalDate date) {
    }

    public record Fee(FeeType type, String currency, BigDecimal amount, BigDecimal minimumGuarantee, BigDecimal revenueSharePercent,
                      List<Instalment> instalments) {
    }

    /**
     * The terms to check.
     *
     * @param localization language tags by the field that lists them ({@code subtitles}, {@code dubs}, …), in the
     *                     request's order; null when the deal asks for no localization
     */
    public record Terms(LocalDate windowStart, LocalDate windowEnd, boolean evergreen, LocalDate deliveryDue, boolean historical,
                        List<String> territories, Fee fee, Map<String, List<String>> localization) {
    }

    /**
     * The verdict, with the terms normalised for the record.
     *
     * @param territories  the codes as given, upper case, each once, in order of first mention
     * @param countries    the ISO 3166-1 countries they expand to
     * @param localization each list of tags stripped, each tag once; null when none was asked for
     */
    public record Result(List<String> territories, Set<String> countries, Map<String, List<String>> localization,
                         List<Problem> problems) {

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final Function<String, Set<String>> territories;
    private final Function<String, String> languageTagProblem;

    /**
     * @param territories        a territory code to its countries; refuses an unknown code with an
     *                           {@link IllegalArgumentException} whose message says why
     * @param languageTagProblem a language tag to why it is not well-formed BCP 47, or null when it is
     */
    public IntakeRules(Function<String, Set<String>> territories, Function<String, String> languageTagProblem) {
        this.territories = territories;
        this.languageTagProblem = languageTagProblem;
    }

    /**
     * @param today the current day (the engine's): a window that has already ended is refused unless the deal is
     *              posted as history, and history must have ended; null = no time rule
     */
    public Result check(Terms r, LocalDate today) {
        List<Problem> problems = new ArrayList<>();
        dateInRange(r.windowStart(), "windowStart", problems);
        dateInRange(r.windowEnd(), "windowEnd", problems);
        dateInRange(r.deliveryDue(), "deliveryDue", problems);
        Fee fee = r.fee();
        for (int i = 0; i < fee.instalments().size(); i++) {
            Instalment in = fee.instalments().get(i);
            if (in != null) dateInRange(in.date(), "fee.instalments[" + i + "].date", problems);
        }
        window(r, today, problems);

        Set<String> countries = new TreeSet<>();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < r.territories().size(); i++) {
            String code = r.territories().get(i).strip().toUpperCase();
            try {
                countries.addAll(territories.apply(code));
                if (!codes.contains(code)) codes.add(code);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem("territories[" + i + "]", e.getMessage()));
            }
        }

        fee(fee, problems);

        Map<String, List<String>> localization = null;
        if (r.localization() != null) {
            localization = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> e : r.localization().entrySet()) {
                localization.put(e.getKey(), tags(e.getValue(), "localization." + e.getKey(), problems));
            }
        }
        return new Result(List.copyOf(codes), countries, localization, List.copyOf(problems));
    }

    private static void window(Terms r, LocalDate today, List<Problem> problems) {
        boolean evergreen = r.evergreen();
        if (r.windowEnd() == null && !evergreen) {
            problems.add(new Problem("windowEnd", "required unless the deal is evergreen (\"evergreen\": true)"));
        }
        if (r.windowEnd() != null && evergreen) {
            problems.add(new Problem("windowEnd", "an evergreen deal has no end date"));
        }
        if (r.windowEnd() != null && r.windowEnd().isBefore(r.windowStart())) {
            problems.add(new Problem("windowEnd", "window end " + r.windowEnd() + " is before window start " + r.windowStart()));
        }
        if (today != null && r.historical()) {
            if (evergreen) {
                problems.add(new Problem("evergreen", "a historical deal has ended: give its windowEnd instead"));
            } else if (r.windowEnd() != null && !r.windowEnd().isBefore(today)) {
                problems.add(new Problem("historical", "only a deal whose window ended before today (" + today
                        + ") is history; this window ends " + r.windowEnd()));
            }
        } else if (today != null && r.windowEnd() != null && r.windowEnd().isBefore(today)) {
            problems.add(new Problem("windowEnd", "the window ended on " + r.windowEnd() + ", before today (" + today
                    + "): days that have passed cannot be licensed (to record a past deal, post it with \"historical\": true)"));
        }
        if (r.deliveryDue() != null && r.windowEnd() != null && r.deliveryDue().isAfter(r.windowEnd())) {
            problems.add(new Problem("deliveryDue", "delivery due " + r.deliveryDue() + " is after the window ends " + r.windowEnd()));
        }
    }

    private static void fee(Fee fee, List<Problem> problems) {
        try {
            Currency.getInstance(fee.currency());
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.add(new Problem("fee.currency", "'" + fee.currency() + "' is not an ISO 4217 currency code"));
        }
        if (fee.type() == FeeType.FIXED) {
            if (fee.amount() == null) problems.add(new Problem("fee.amount", "required for a FIXED fee"));
            if (fee.minimumGuarantee() != null) problems.add(new Problem("fee.minimumGuarantee", "only for MG_REVENUE_SHARE"));
            if (fee.revenueSharePercent() != null) problems.add(new Problem("fee.revenueSharePercent", "only for MG_REVENUE_SHARE"));
        } else {
            if (fee.minimumGuarantee() == null) problems.add(new Problem("fee.minimumGuarantee", "required for MG_REVENUE_SHARE"));
            if (fee.revenueSharePercent() == null) problems.add(new Problem("fee.revenueSharePercent", "required for MG_REVENUE_SHARE"));
            if (fee.amount() != null) problems.add(new Problem("fee.amount", "only for a FIXED fee (use minimumGuarantee)"));
        }
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < fee.instalments().size(); i++) {
            Instalment in = fee.instalments().get(i);
            total = total.add(in.percent());
            if (in.dateTrigger() && in.date() == null) {
                problems.add(new Problem("fee.instalments[" + i + "].date", "required when the trigger is DATE"));
            }
            if (!in.dateTrigger() && in.date() != null) {
                problems.add(new Problem("fee.instalments[" + i + "].date", "only for the DATE trigger"));
            }
        }
        if (total.compareTo(BigDecimal.valueOf(100)) != 0) {
            problems.add(new Problem("fee.instalments", "percentages must add up to 100, they add up to " + total.stripTrailingZeros().toPlainString()));
        }
    }

    private static void dateInRange(LocalDate date, String field, List<Problem> problems) {
        if (date != null && (date.isBefore(EARLIEST) || date.isAfter(LATEST))) {
            problems.add(new Problem(field, date + " is not a plausible contract date (expected " + EARLIEST + " to " + LATEST + ")"));
        }
    }

    /** Language tags are kept exactly as given (pt-BR is not pt); duplicates are refused, not merged. */
    private List<String> tags(List<String> tags, String field, List<Problem> problems) {
        if (tags == null) return List.of();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i).strip();
            String problem = languageTagProblem.apply(tag);
            if (problem != null) {
                problems.add(new Problem(field + "[" + i + "]", problem));
            } else if (!seen.add(tag)) {
                problems.add(new Problem(field + "[" + i + "]", "'" + tag + "' is listed twice"));
            }
        }
        return List.copyOf(seen);
    }
}
