package io.reelflow.rights;

import io.reelflow.platform.Csv;
import io.reelflow.inspection.Bcp47;
import io.reelflow.platform.web.FieldProblem;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.platform.web.NotFoundException;
import io.reelflow.rights.CatalogueRequests.NewHoldback;
import io.reelflow.rights.CatalogueRequests.NewRightsIn;
import io.reelflow.rights.CatalogueRequests.NewTitle;
import io.reelflow.rights.CatalogueViews.ImportResult;
import io.reelflow.rights.CatalogueViews.RightsInView;
import io.reelflow.rights.CatalogueViews.TitleView;
import io.reelflow.rights.rules.Media;
import io.reelflow.rights.rules.Territories;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Titles, rights-in and holdbacks: validated in full before anything is stored. */
@Service
public class CatalogueService {

    static final List<String> CSV_HEADER = List.of("title_id", "licensor", "territories", "media", "term_start", "term_end", "exclusive");

    private final TitleRepository titles;
    private final RightsInRepository rightsIn;
    private final HoldbackRepository holdbacks;

    public CatalogueService(TitleRepository titles, RightsInRepository rightsIn, HoldbackRepository holdbacks) {
        this.titles = titles;
        this.rightsIn = rightsIn;
        this.holdbacks = holdbacks;
    }

    @Transactional
    public TitleView createTitle(NewTitle req) {
        List<FieldProblem> problems = new ArrayList<>();
        String lang = Bcp47.problem(req.originalLanguage());
        if (lang != null) problems.add(new FieldProblem("originalLanguage", lang));
        if (req.eidrId() != null && titles.findByEidrId(req.eidrId()).isPresent()) {
            problems.add(new FieldProblem("eidrId", "a title with EIDR id " + req.eidrId() + " already exists"));
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        Title t = titles.save(new Title(req.name().strip(), req.kind(), req.runtimeMinutes(), req.originalLanguage(), req.eidrId(),
                Boolean.TRUE.equals(req.kids())));
        return TitleView.of(t);
    }

    @Transactional(readOnly = true)
    public TitleView title(long id) {
        return TitleView.of(titles.findById(id).orElseThrow(() -> new NotFoundException("no title with id " + id)));
    }

    /** The first title with exactly this name, if any (the demo data finds its titles by name). */
    @Transactional(readOnly = true)
    public java.util.Optional<Title> titleNamed(String name) {
        return titles.findFirstByName(name);
    }

    @Transactional(readOnly = true)
    public List<TitleView> findTitles(String name) {
        return titles.findByNameContainingIgnoreCaseOrderByName(name == null ? "" : name).stream().limit(200).map(TitleView::of).toList();
    }

    @Transactional
    public RightsInView createRightsIn(NewRightsIn req) {
        // a reference to nothing is 404 naming the field (rows of an imported file are checked row by row instead: 400)
        if (req.titleId() != null && !titles.existsById(req.titleId())) throw new NotFoundException("titleId", "no title with id " + req.titleId());
        List<FieldProblem> problems = new ArrayList<>();
        ValidRightsIn v = validate(req, "", problems);
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        return store(v);
    }

    @Transactional(readOnly = true)
    public RightsInView rightsIn(long id) {
        RightsIn r = rightsIn.findById(id).orElseThrow(() -> new NotFoundException("no rights-in record with id " + id));
        return RightsInView.of(r, holdbacks.findByRightsInIdOrderById(id));
    }

    @Transactional(readOnly = true)
    public List<RightsInView> rightsInForTitle(long titleId) {
        if (!titles.existsById(titleId)) throw new NotFoundException("no title with id " + titleId);
        return rightsIn.findByTitleIdOrderById(titleId).stream()
                .map(r -> RightsInView.of(r, holdbacks.findByRightsInIdOrderById(r.getId()))).toList();
    }

    @Transactional
    public RightsInView addHoldback(long rightsInId, NewHoldback req) {
        RightsIn r = rightsIn.findById(rightsInId).orElseThrow(() -> new NotFoundException("no rights-in record with id " + rightsInId));
        List<FieldProblem> problems = new ArrayList<>();
        ValidHoldback h = validate(req, "", problems);
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        holdbacks.save(new HoldbackRecord(r.getId(), r.getTitleId(), h.territories, h.media, h.start, h.end, h.reason));
        return RightsInView.of(r, holdbacks.findByRightsInIdOrderById(r.getId()));
    }

    /**
     * Imports rights-in from CSV ({@link #CSV_HEADER}; territories and media separated by spaces or '|').
     * All or nothing: any bad row and nothing is stored, and every bad row is reported.
     */
    @Transactional
    public ImportResult importCsv(String csv) {
        List<List<String>> rows;
        if (csv.startsWith("\uFEFF")) csv = csv.substring(1); // byte-order mark, as spreadsheet programs save it
        try {
            rows = Csv.parse(csv);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("csv", e.getMessage());
        }
        if (rows.isEmpty()) throw new InvalidInputException("csv", "the file is empty; expected the header " + String.join(",", CSV_HEADER));
        List<String> header = rows.get(0).stream().map(s -> s.strip().toLowerCase()).toList();
        if (!header.equals(CSV_HEADER)) {
            throw new InvalidInputException("csv", "line 1: header must be " + String.join(",", CSV_HEADER) + " but was " + String.join(",", rows.get(0)));
        }
        if (rows.size() == 1) throw new InvalidInputException("csv", "no data rows after the header");
        if (rows.size() > 50_001) throw new InvalidInputException("csv", "at most 50000 rows per import");
        List<FieldProblem> problems = new ArrayList<>();
        List<ValidRightsIn> valid = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            String at = "line " + (i + 1) + ": ";
            if (row.size() != CSV_HEADER.size()) {
                problems.add(new FieldProblem("line " + (i + 1), "expected " + CSV_HEADER.size() + " columns, found " + row.size()));
                continue;
            }
            Long titleId = null;
            try {
                titleId = Long.parseLong(row.get(0).strip());
            } catch (NumberFormatException e) {
                problems.add(new FieldProblem(at + "title_id", "'" + abbreviate(row.get(0)) + "' is not a title id"));
            }
            LocalDate start = parseDate(row.get(4), at + "term_start", true, problems);
            LocalDate end = parseDate(row.get(5), at + "term_end", false, problems);
            Boolean exclusive = switch (row.get(6).strip().toLowerCase()) {
                case "true", "yes", "exclusive" -> true;
                case "false", "no", "non-exclusive" -> false;
                default -> {
                    problems.add(new FieldProblem(at + "exclusive", "'" + abbreviate(row.get(6)) + "' must be true or false"));
                    yield null;
                }
            };
            int before = problems.size();
            NewRightsIn req = new NewRightsIn(titleId, row.get(1).strip(), split(row.get(2)), split(row.get(3)), start, end, exclusive, null);
            if (titleId == null || start == null || exclusive == null) {
                // still check the other columns so that the answer names every problem of the row
                validate(req, at, problems);
                continue;
            }
            ValidRightsIn v = validate(req, at, problems);
            if (problems.size() == before) valid.add(v);
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems.stream().map(CatalogueService::csvColumn).toList());
        List<Long> ids = valid.stream().map(this::store).map(RightsInView::id).toList();
        return new ImportResult(ids.size(), ids);
    }

    /**
     * Stores rights-in records that another import (EMA Avails) has read, with the same checks as JSON and CSV: all or
     * nothing. {@code where} names each record's source (sheet rows, XML paths) for a problem found here.
     */
    @Transactional
    public ImportResult importAll(List<NewRightsIn> records, List<String> where) {
        List<FieldProblem> problems = new ArrayList<>();
        List<ValidRightsIn> valid = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) valid.add(validate(records.get(i), where.get(i) + ": ", problems));
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        List<Long> ids = valid.stream().map(this::store).map(RightsInView::id).toList();
        return new ImportResult(ids.size(), ids);
    }

    private RightsInView store(ValidRightsIn v) {
        RightsIn saved = rightsIn.save(new RightsIn(v.titleId, v.licensor, v.territories, v.media, v.start, v.end, v.exclusive));
        for (ValidHoldback h : v.holdbacks) {
            holdbacks.save(new HoldbackRecord(saved.getId(), saved.getTitleId(), h.territories, h.media, h.start, h.end, h.reason));
        }
        return RightsInView.of(saved, holdbacks.findByRightsInIdOrderById(saved.getId()));
    }

    private record ValidRightsIn(long titleId, String licensor, Set<String> territories, Set<Media> media, LocalDate start, LocalDate end,
                                 boolean exclusive, List<ValidHoldback> holdbacks) {
    }

    private record ValidHoldback(Set<String> territories, Set<Media> media, LocalDate start, LocalDate end, String reason) {
    }

    private ValidRightsIn validate(NewRightsIn req, String at, List<FieldProblem> problems) {
        if (req.titleId() != null && !titles.existsById(req.titleId())) {
            problems.add(new FieldProblem(at + "titleId", "no title with id " + req.titleId()));
        }
        if (req.licensor() == null || req.licensor().isBlank()) problems.add(new FieldProblem(at + "licensor", "required"));
        Set<String> territories = territories(req.territories(), at + "territories", problems);
        Set<Media> media = media(req.media(), at + "media", problems);
        if (req.termStart() != null && req.termEnd() != null && req.termEnd().isBefore(req.termStart())) {
            problems.add(new FieldProblem(at + "termEnd", "term end " + req.termEnd() + " is before term start " + req.termStart()));
        }
        List<ValidHoldback> hbs = new ArrayList<>();
        if (req.holdbacks() != null) {
            for (int i = 0; i < req.holdbacks().size(); i++) {
                hbs.add(validate(req.holdbacks().get(i), at + "holdbacks[" + i + "].", problems));
            }
        }
        return new ValidRightsIn(req.titleId() == null ? 0 : req.titleId(), req.licensor(), territories, media, req.termStart(), req.termEnd(),
                Boolean.TRUE.equals(req.exclusive()), hbs);
    }

    private ValidHoldback validate(NewHoldback req, String at, List<FieldProblem> problems) {
        Set<String> territories = territories(req.territories(), at + "territories", problems);
        Set<Media> media = media(req.media(), at + "media", problems);
        if (req.periodStart() != null && req.periodEnd() != null && req.periodEnd().isBefore(req.periodStart())) {
            problems.add(new FieldProblem(at + "periodEnd", "period end " + req.periodEnd() + " is before period start " + req.periodStart()));
        }
        return new ValidHoldback(territories, media, req.periodStart(), req.periodEnd(), req.reason());
    }

    /** Expands countries, UN M49 regions and WW; every unknown code is reported with its position. */
    public static Set<String> territories(Collection<String> codes, String field, List<FieldProblem> problems) {
        if (codes == null || codes.isEmpty()) {
            problems.add(new FieldProblem(field, "at least one territory is required"));
            return Set.of();
        }
        List<String> list = new ArrayList<>(codes);
        boolean ok = true;
        for (int i = 0; i < list.size(); i++) {
            try {
                Territories.expand(list.get(i) == null ? "" : list.get(i).strip());
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem(field + "[" + i + "]", e.getMessage()));
                ok = false;
            }
        }
        return ok ? Territories.expandAll(list.stream().map(String::strip).toList()) : Set.of();
    }

    public static Set<Media> media(Collection<String> names, String field, List<FieldProblem> problems) {
        if (names == null || names.isEmpty()) {
            problems.add(new FieldProblem(field, "at least one medium is required"));
            return Set.of();
        }
        Set<Media> media = EnumSet.noneOf(Media.class);
        List<String> list = new ArrayList<>(names);
        for (int i = 0; i < list.size(); i++) {
            String n = list.get(i) == null ? "" : list.get(i).strip().toUpperCase();
            try {
                media.add(Media.valueOf(n));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem(field + "[" + i + "]", "unknown medium '" + abbreviate(list.get(i)) + "': expected one of "
                        + Arrays.toString(Media.values())));
            }
        }
        return media;
    }

    /** Problems of a CSV row name the CSV column, not the JSON field the row was checked as. */
    private static FieldProblem csvColumn(FieldProblem p) {
        String field = p.field();
        for (String[] names : new String[][] {{"titleId", "title_id"}, {"termStart", "term_start"}, {"termEnd", "term_end"}}) {
            if (field.endsWith(": " + names[0])) field = field.substring(0, field.length() - names[0].length()) + names[1];
        }
        return new FieldProblem(field, p.reason());
    }

    private static List<String> split(String cell) {
        return Arrays.stream(cell.split("[\\s|;]+")).filter(s -> !s.isBlank()).toList();
    }

    private static LocalDate parseDate(String cell, String field, boolean required, List<FieldProblem> problems) {
        String s = cell.strip();
        if (s.isEmpty()) {
            if (required) problems.add(new FieldProblem(field, "required (YYYY-MM-DD)"));
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "'" + abbreviate(s) + "' is not a date (YYYY-MM-DD)"));
            return null;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
