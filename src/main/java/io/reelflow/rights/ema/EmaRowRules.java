package io.reelflow.rights.ema;

import io.reelflow.platform.web.FieldProblem;
import io.reelflow.rights.ema.EmaTemplate.Column;
import io.reelflow.rights.rules.Media;
import io.reelflow.rights.rules.Territories;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for one imported EMA Avail (rights held from a licensor), the same as the CSV import's: a territory code we know,
 * a licence type we keep as a medium, whole-day dates (a date cell or YYYY-MM-DD; End may be Open), end not before start,
 * a yes/no exclusivity. Every problem names where it is (sheet!cell or XML path), the column and the reason.
 */
public final class EmaRowRules {

    /** A checked row: the rights it says we hold. {@code end} null = Open (evergreen). */
    public record EmaRight(String where, String contentId, String alid, String licensor, String territory, Media media, LocalDate start,
                           LocalDate end, boolean exclusive) {
    }

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final int MAX_TEXT = 200;

    private EmaRowRules() {
    }

    public static Optional<EmaRight> check(EmaRecord r, List<FieldProblem> problems) {
        int before = problems.size();
        String licensor = required(r, EmaTemplate.DISPLAY_NAME, problems);
        String contentId = r.text(EmaTemplate.CONTENT_ID);
        String alid = r.text(EmaTemplate.ALID);
        if (contentId == null && alid == null) {
            problems.add(new FieldProblem(r.at(EmaTemplate.CONTENT_ID), EmaTemplate.CONTENT_ID.key() + ": required (the title's EIDR id), or an ALID"));
        }
        for (Column c : List.of(EmaTemplate.CONTENT_ID, EmaTemplate.ALID, EmaTemplate.DISPLAY_NAME)) { // the licensor as the JSON API takes it: at most 200
            String s = r.text(c);
            if (s != null && s.length() > MAX_TEXT) problems.add(new FieldProblem(r.at(c), c.key() + ": longer than " + MAX_TEXT + " characters"));
        }
        String workType = required(r, EmaTemplate.WORK_TYPE, problems);
        if (workType != null && !EmaTemplate.WORK_TYPES.contains(workType)) {
            problems.add(new FieldProblem(r.at(EmaTemplate.WORK_TYPE), EmaTemplate.WORK_TYPE.key() + ": '" + abbreviate(workType)
                    + "' is not one of " + EmaTemplate.WORK_TYPES));
        }
        String territory = required(r, EmaTemplate.TERRITORY, problems);
        if (territory != null) {
            try {
                Territories.expand(territory);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem(r.at(EmaTemplate.TERRITORY), EmaTemplate.TERRITORY.key() + ": " + e.getMessage()));
            }
        }
        String licenseType = required(r, EmaTemplate.LICENSE_TYPE, problems);
        Media media = null;
        if (licenseType != null) {
            media = EmaTemplate.media(licenseType).orElse(null);
            if (media == null) {
                problems.add(new FieldProblem(r.at(EmaTemplate.LICENSE_TYPE), EmaTemplate.LICENSE_TYPE.key() + ": '" + abbreviate(licenseType)
                        + "' is not a licence type we hold rights as: expected one of " + EmaTemplate.licenseTypes()));
            }
        }
        LocalDate start = date(r, EmaTemplate.START, false, problems);
        LocalDate end = date(r, EmaTemplate.END, true, problems);
        if (start != null && end != null && end.isBefore(start)) {
            problems.add(new FieldProblem(r.at(EmaTemplate.END), EmaTemplate.END.key() + ": " + end + " is before the start " + start));
        }
        Boolean exclusive = switch (Optional.ofNullable(r.text(EmaTemplate.EXCLUSIVE)).orElse("").toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true" -> true;
            case "", "no", "n", "false" -> false;
            default -> {
                problems.add(new FieldProblem(r.at(EmaTemplate.EXCLUSIVE), EmaTemplate.EXCLUSIVE.key() + ": '"
                        + abbreviate(r.text(EmaTemplate.EXCLUSIVE)) + "' must be Yes or No"));
                yield null;
            }
        };
        if (problems.size() > before) return Optional.empty();
        return Optional.of(new EmaRight(r.where(), contentId, alid, licensor, territory.toUpperCase(Locale.ROOT), media, start, end, exclusive));
    }

    private static String required(EmaRecord r, Column c, List<FieldProblem> problems) {
        String s = r.text(c);
        if (s == null) problems.add(new FieldProblem(r.at(c), c.key() + ": required"));
        return s;
    }

    private static LocalDate date(EmaRecord r, Column c, boolean openAllowed, List<FieldProblem> problems) {
        LocalDate d = r.dates().get(c);
        if (d != null) return d;
        String s = r.text(c);
        if (s == null) {
            problems.add(new FieldProblem(r.at(c), c.key() + ": required (a date" + (openAllowed ? ", or Open" : "") + ")"));
            return null;
        }
        if (openAllowed && s.equalsIgnoreCase("Open")) return null;
        if (ISO_DATE.matcher(s).matches()) {
            try {
                return LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                problems.add(new FieldProblem(r.at(c), c.key() + ": '" + s + "' is not a day of the calendar"));
                return null;
            }
        }
        problems.add(new FieldProblem(r.at(c), c.key() + ": '" + abbreviate(s) + "' is not a date: use a date cell or YYYY-MM-DD"
                + (openAllowed ? " (or Open)" : "")));
        return null;
    }

    static String abbreviate(String s) {
        if (s == null) return "";
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
