package io.reelflow.rights;

import io.reelflow.platform.web.FieldProblem;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.rights.CatalogueRequests.NewRightsIn;
import io.reelflow.rights.CatalogueViews.ImportResult;
import io.reelflow.rights.ema.EmaRecord;
import io.reelflow.rights.ema.EmaRowRules;
import io.reelflow.rights.ema.EmaRowRules.EmaRight;
import io.reelflow.rights.ema.EmaTemplate;
import io.reelflow.rights.rules.Media;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Rights-in from a licensor's EMA Avails: every row checked (the CSV import's rules), titles matched by an explicit mapping,
 * by EIDR id or by an ALID Reelflow wrote, never created; then the rows of one title, licensor, window and exclusivity are
 * stored as rights-in records (territories x media), all or nothing.
 */
@Service
public class EmaImportService {

    /** Problems listed in one answer; the rest are counted. */
    static final int MAX_PROBLEMS = 1000;

    private final CatalogueService catalogue;
    private final NamedParameterJdbcTemplate jdbc;

    public EmaImportService(CatalogueService catalogue, NamedParameterJdbcTemplate jdbc) {
        this.catalogue = catalogue;
        this.jdbc = jdbc;
    }

    /**
     * @param mapping ALID or ContentID → our title id, as the request gives it (checked here)
     * @param readProblems what reading the file found (formula or merged cells…): reported with the rows' problems
     */
    public ImportResult importRecords(List<EmaRecord> records, List<FieldProblem> readProblems, Map<String, Long> mapping) {
        List<FieldProblem> problems = new ArrayList<>(readProblems);
        if (records.isEmpty() && problems.isEmpty()) throw new InvalidInputException("file", "no Avail rows: nothing to import");
        Set<Long> known = existing(new HashSet<>(mapping.values()));
        List<FieldProblem> mapProblems = new ArrayList<>();
        mapping.forEach((key, id) -> {
            if (!known.contains(id)) mapProblems.add(new FieldProblem("map", key + "=" + id + ": no title with id " + id));
        });
        // the map refers to our titles: one it names that does not exist is 404 naming the map, before the file's rows are read
        if (!mapProblems.isEmpty()) throw new io.reelflow.platform.web.NotFoundException(mapProblems);
        List<EmaRight> rights = new ArrayList<>();
        for (EmaRecord r : records) EmaRowRules.check(r, problems).ifPresent(rights::add);

        Set<String> eidrs = new HashSet<>();
        Set<Long> own = new HashSet<>();
        for (EmaRight r : rights) {
            EmaTemplate.eidr(r.contentId()).ifPresent(eidrs::add);
            EmaTemplate.ownTitleId(r.alid()).ifPresent(own::add);
            EmaTemplate.ownTitleId(r.contentId()).ifPresent(own::add);
        }
        Map<String, Long> byEidr = byEidr(eidrs);
        Set<Long> ownKnown = existing(own);
        Map<EmaRight, Long> titleOf = new LinkedHashMap<>();
        Map<EmaRight, EmaRecord> recordOf = new HashMap<>();
        for (int i = 0, j = 0; i < records.size() && j < rights.size(); i++) {
            if (records.get(i).where().equals(rights.get(j).where())) recordOf.put(rights.get(j++), records.get(i));
        }
        for (EmaRight r : rights) {
            Optional<Long> title = title(r, mapping, byEidr, ownKnown);
            if (title.isPresent()) {
                titleOf.put(r, title.get());
            } else {
                EmaRecord rec = recordOf.get(r);
                String at = rec == null ? r.where() : rec.at(EmaTemplate.CONTENT_ID);
                String eidr = EmaTemplate.eidr(r.contentId()).orElse(null);
                problems.add(new FieldProblem(at, EmaTemplate.CONTENT_ID.key() + ": " + (eidr != null ? "no title with EIDR id " + eidr
                        : "'" + (r.contentId() == null ? r.alid() : r.contentId()) + "' names no title of ours")
                        + "; an import never creates titles: create it, or map it with map=<ALID or ContentID>=<title id>"));
            }
        }
        if (!problems.isEmpty()) {
            List<FieldProblem> listed = new ArrayList<>(problems.subList(0, Math.min(MAX_PROBLEMS, problems.size())));
            if (problems.size() > MAX_PROBLEMS) {
                listed.add(new FieldProblem("file", (problems.size() - MAX_PROBLEMS) + " more problems not listed (" + problems.size() + " in all)"));
            }
            throw new InvalidInputException(listed);
        }
        return store(titleOf);
    }

    private ImportResult store(Map<EmaRight, Long> titleOf) {
        // one territory's media first, then the territories that share the same media: territories x media stays exact
        record Cell(long titleId, String licensor, LocalDate start, LocalDate end, boolean exclusive, String territory) {
        }
        record Group(long titleId, String licensor, LocalDate start, LocalDate end, boolean exclusive, Set<Media> media) {
        }
        Map<Cell, EnumSet<Media>> cells = new LinkedHashMap<>();
        Map<Cell, String> firstRow = new HashMap<>();
        titleOf.forEach((r, titleId) -> {
            Cell c = new Cell(titleId, r.licensor(), r.start(), r.end(), r.exclusive(), r.territory());
            cells.computeIfAbsent(c, k -> EnumSet.noneOf(Media.class)).add(r.media());
            firstRow.putIfAbsent(c, r.where());
        });
        Map<Group, Set<String>> groups = new LinkedHashMap<>();
        Map<Group, String> where = new HashMap<>();
        cells.forEach((c, media) -> {
            Group g = new Group(c.titleId(), c.licensor(), c.start(), c.end(), c.exclusive(), media);
            groups.computeIfAbsent(g, k -> new TreeSet<>()).add(c.territory());
            where.putIfAbsent(g, firstRow.get(c));
        });
        List<NewRightsIn> records = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        groups.forEach((g, territories) -> {
            records.add(new NewRightsIn(g.titleId(), g.licensor(), List.copyOf(territories), g.media().stream().map(Enum::name).toList(),
                    g.start(), g.end(), g.exclusive(), null));
            sources.add(where.get(g));
        });
        return catalogue.importAll(records, sources);
    }

    private static Optional<Long> title(EmaRight r, Map<String, Long> mapping, Map<String, Long> byEidr, Set<Long> ownKnown) {
        for (String key : new String[] {r.alid(), r.contentId()}) {
            if (key != null && mapping.containsKey(key)) return Optional.of(mapping.get(key));
        }
        Optional<String> eidr = EmaTemplate.eidr(r.contentId());
        if (eidr.isPresent()) return Optional.ofNullable(byEidr.get(eidr.get()));
        for (String key : new String[] {r.alid(), r.contentId()}) {
            Optional<Long> id = EmaTemplate.ownTitleId(key);
            if (id.isPresent() && ownKnown.contains(id.get())) return id;
        }
        return Optional.empty();
    }

    private Map<String, Long> byEidr(Set<String> eidrs) {
        Map<String, Long> out = new HashMap<>();
        if (eidrs.isEmpty()) return out;
        jdbc.query("SELECT id, eidr_id FROM title WHERE eidr_id IN (:e)", new MapSqlParameterSource("e", eidrs),
                rs -> { out.put(rs.getString("eidr_id"), rs.getLong("id")); });
        return out;
    }

    private Set<Long> existing(Set<Long> ids) {
        if (ids.isEmpty()) return Set.of();
        return new HashSet<>(jdbc.queryForList("SELECT id FROM title WHERE id IN (:ids)", new MapSqlParameterSource("ids", ids), Long.class));
    }
}
