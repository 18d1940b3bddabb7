package io.reelflow.deal;

import io.reelflow.deal.rules.IntakeRules;
import io.reelflow.inspection.Bcp47;
import io.reelflow.platform.web.FieldProblem;
import io.reelflow.rights.rules.Territories;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The service's side of intake validation: hands a request's terms to the {@link IntakeRules} (with the territory
 * expansion and the BCP 47 check they need), and answers the normalised request and each problem in the API's terms.
 */
public final class DealIntakeValidator {

    private static final IntakeRules RULES = new IntakeRules(Territories::expand, Bcp47::problem);

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
        IntakeRules.Result checked = RULES.check(terms(r), today);
        List<FieldProblem> problems = checked.problems().stream().map(p -> new FieldProblem(p.field(), p.reason())).toList();
        DealRequest.Localization loc = null;
        if (checked.localization() != null) {
            Map<String, List<String>> tags = checked.localization();
            loc = new DealRequest.Localization(tags.get("subtitles"), tags.get("dubs"), tags.get("audioDescription"),
                    tags.get("forcedNarratives"));
        }
        boolean evergreen = Boolean.TRUE.equals(r.evergreen());
        DealRequest normalised = new DealRequest(r.crmDealId().strip(), r.licensee().strip(), new ArrayList<>(new TreeSet<>(r.titleIds())),
                r.media().stream().distinct().sorted().toList(), r.exclusive(), checked.territories().stream().sorted().toList(),
                r.windowStart(), r.windowEnd(), evergreen ? Boolean.TRUE : null, r.fee(), loc, r.format(), r.deliveryDue(),
                r.isHistorical() ? Boolean.TRUE : null);
        return new Result(normalised, checked.countries(), problems);
    }

    private static IntakeRules.Terms terms(DealRequest r) {
        DealRequest.Fee f = r.fee();
        List<IntakeRules.Instalment> instalments = f.instalments().stream()
                .map(i -> new IntakeRules.Instalment(i.percent(), i.trigger() == DealRequest.Trigger.DATE, i.date())).toList();
        IntakeRules.Fee fee = new IntakeRules.Fee(IntakeRules.FeeType.valueOf(f.type().name()), f.currency(), f.amount(),
                f.minimumGuarantee(), f.revenueSharePercent(), instalments);
        Map<String, List<String>> localization = null;
        DealRequest.Localization loc = r.localization();
        if (loc != null) {
            localization = new LinkedHashMap<>();
            localization.put("subtitles", loc.subtitles());
            localization.put("dubs", loc.dubs());
            localization.put("audioDescription", loc.audioDescription());
            localization.put("forcedNarratives", loc.forcedNarratives());
        }
        return new IntakeRules.Terms(r.windowStart(), r.windowEnd(), Boolean.TRUE.equals(r.evergreen()), r.deliveryDue(), r.isHistorical(),
                r.territories(), fee, localization);
    }
}
