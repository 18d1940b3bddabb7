package io.reelflow.rights;

import io.reelflow.platform.EngineClock;
import io.reelflow.platform.web.FieldProblem;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.rights.ema.EmaAvail;
import io.reelflow.rights.ema.EmaTemplate;
import io.reelflow.rights.rules.AvailsCalculator;
import io.reelflow.rights.rules.DateWindow;
import io.reelflow.rights.rules.ExistingGrant;
import io.reelflow.rights.rules.Holdback;
import io.reelflow.rights.rules.Media;
import io.reelflow.rights.rules.RightsHeld;
import io.reelflow.rights.rules.TerritoryAvail;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rows of an EMA Avails export: what we can offer (free windows from the avails rules, from today on) or what we have
 * granted, one row per title x territory x media x window. The format (XLSX, XML) is the controller's business.
 */
@Service
public class EmaAvailsService {

    /** What to export. {@code titleIds} null = every title with rights held; {@code territories} null = every country held. */
    public record ExportRequest(List<Long> titleIds, Set<String> territories, List<Media> media, LocalDate from, LocalDate to,
                                boolean exclusive, boolean grants) {
    }

    private static final int BATCH = 500;

    private final RightsSnapshots snapshots;
    private final TitleRepository titles;
    private final NamedParameterJdbcTemplate jdbc;
    private final String licensorName;
    private final AvailsCalculator calculator = new AvailsCalculator();

    public EmaAvailsService(RightsSnapshots snapshots, TitleRepository titles, NamedParameterJdbcTemplate jdbc,
                            @Value("${reelflow.ema.licensor-name:Reelflow}") String licensorName) {
        this.snapshots = snapshots;
        this.titles = titles;
        this.jdbc = jdbc;
        this.licensorName = licensorName;
    }

    /** Our media that can go into an EMA file, checked: a medium EMA has no LicenseType for is refused, naming it. */
    public static List<Media> media(List<String> names) {
        if (names == null || names.isEmpty()) return EmaTemplate.emaMedia();
        List<FieldProblem> problems = new ArrayList<>();
        Set<Media> media = CatalogueService.media(names, "media", problems);
        for (Media m : media) {
            if (EmaTemplate.licenseType(m).isEmpty()) {
                problems.add(new FieldProblem("media", m + " has no EMA Avails LicenseType; EMA carries " + EmaTemplate.licenseTypes()
                        + " (our SVOD, TVOD, EST)"));
            }
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        return List.copyOf(media);
    }

    @Transactional(readOnly = true)
    public List<EmaAvail> rows(ExportRequest req) {
        LocalDate today = EngineClock.today();
        LocalDate from = req.from() == null || req.from().isBefore(today) ? today : req.from();
        if (req.to() != null && req.to().isBefore(from)) {
            throw new InvalidInputException("to", "'to' " + req.to() + " is before " + from + " (the export never offers a day before today)");
        }
        List<Long> ids = req.titleIds() == null ? allTitlesWithRights() : checkedTitles(req.titleIds());
        List<EmaAvail> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += BATCH) {
            List<Long> batch = ids.subList(i, Math.min(ids.size(), i + BATCH));
            Map<Long, Title> byId = titles.findAllById(batch).stream().collect(Collectors.toMap(Title::getId, Function.identity()));
            if (req.grants()) grantRows(batch, byId, req, from, out);
            else availRows(batch, byId, req, new DateWindow(from, req.to()), today, out);
        }
        return out;
    }

    private void availRows(List<Long> batch, Map<Long, Title> byId, ExportRequest req, DateWindow period, LocalDate today, List<EmaAvail> out) {
        RightsSnapshots.Snapshot s = snapshots.load(batch);
        Map<Long, List<RightsHeld>> held = byTitle(s.held(), RightsHeld::titleId);
        Map<Long, List<Holdback>> holdbacks = byTitle(s.holdbacks(), Holdback::titleId);
        Map<Long, List<ExistingGrant>> grants = byTitle(s.grants(), ExistingGrant::titleId);
        for (long id : batch) {
            Title t = byId.get(id);
            List<RightsHeld> h = held.getOrDefault(id, List.of());
            if (h.isEmpty()) continue;
            for (Media m : req.media()) {
                String licenseType = EmaTemplate.licenseType(m).orElseThrow();
                List<TerritoryAvail> avails = calculator.avails(id, m, period, req.exclusive(), req.territories(), h,
                        holdbacks.getOrDefault(id, List.of()), grants.getOrDefault(id, List.of()), today);
                for (TerritoryAvail a : avails) {
                    for (DateWindow w : a.freePeriods()) {
                        out.add(row(t, null, a.territory(), licenseType, w.start(), w.end(), req.exclusive(), null));
                    }
                }
            }
        }
    }

    private void grantRows(List<Long> batch, Map<Long, Title> byId, ExportRequest req, LocalDate from, List<EmaAvail> out) {
        MapSqlParameterSource p = new MapSqlParameterSource("ids", batch)
                .addValue("media", req.media().stream().map(Enum::name).toList())
                .addValue("from", from)
                .addValue("to", req.to());
        jdbc.query("""
                SELECT title_id, territory, media, window_start, window_end, exclusive, licensee, deal_ref
                FROM grant_out
                WHERE title_id IN (:ids) AND status IN ('PENDING', 'ACTIVE') AND media IN (:media)
                  AND (window_end IS NULL OR window_end >= :from)
                  AND (CAST(:to AS date) IS NULL OR window_start <= CAST(:to AS date))
                ORDER BY title_id, media, territory, window_start""", p, rs -> {
            String territory = rs.getString("territory");
            if (req.territories() != null && !req.territories().contains(territory)) return;
            java.sql.Date end = rs.getDate("window_end");
            out.add(row(byId.get(rs.getLong("title_id")), rs.getString("licensee"), territory,
                    EmaTemplate.licenseType(Media.valueOf(rs.getString("media"))).orElseThrow(), rs.getDate("window_start").toLocalDate(),
                    end == null ? null : end.toLocalDate(), rs.getBoolean("exclusive"), rs.getString("deal_ref")));
        });
    }

    private EmaAvail row(Title t, String licensee, String territory, String licenseType, LocalDate start, LocalDate end, boolean exclusive,
                         String contractId) {
        String workType = EmaTemplate.workType(t.getKind().name());
        return new EmaAvail("Full Extract", licensorName, licensee, EmaTemplate.availType(workType), workType,
                EmaTemplate.contentIdCell(t.getId(), t.getEidrId()), EmaTemplate.alid(t.getId()), t.getName(), t.getName(),
                territory, licenseType, start, end, exclusive, exclusive ? "Exclusive " + licenseType + " in " + territory : null,
                List.of(), contractId);
    }

    private List<Long> allTitlesWithRights() {
        return jdbc.queryForList("SELECT DISTINCT title_id FROM rights_in ORDER BY title_id", new MapSqlParameterSource(), Long.class);
    }

    private List<Long> checkedTitles(List<Long> ids) {
        if (ids.isEmpty()) throw new InvalidInputException("titleIds", "empty: name at least one title, or leave titleIds out for every title");
        if (ids.size() > 10_000) throw new InvalidInputException("titleIds", ids.size() + " titles: at most 10000 in one export");
        List<Long> distinct = ids.stream().distinct().toList();
        Set<Long> known = new java.util.HashSet<>(jdbc.queryForList("SELECT id FROM title WHERE id IN (:ids)",
                new MapSqlParameterSource("ids", distinct), Long.class));
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null) problems.add(new FieldProblem("titleIds[" + i + "]", "empty: name a title id"));
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        for (int i = 0; i < ids.size(); i++) {
            if (!known.contains(ids.get(i))) problems.add(new FieldProblem("titleIds[" + i + "]", "no title with id " + ids.get(i)));
        }
        if (!problems.isEmpty()) throw new io.reelflow.platform.web.NotFoundException(problems);
        return distinct;
    }

    private static <T> Map<Long, List<T>> byTitle(Collection<T> items, Function<T, Long> title) {
        Map<Long, List<T>> map = new HashMap<>();
        for (T item : items) map.computeIfAbsent(title.apply(item), k -> new ArrayList<>()).add(item);
        return map;
    }
}
