package io.reelflow.rights.ema;

import io.reelflow.rights.rules.Media;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The EMA Avails template as Reelflow writes and reads it: the XLSX sheet of template 1.9 (single sheet "Avails", row 1 the
 * column groups, row 2 the field names, row 3 the column titles, data from row 4; at most 60,000 rows) and the XML form
 * (Avails 2.6 schema, Common Metadata 2.10), and how our media and kinds of work map to EMA's vocabulary.
 */
public final class EmaTemplate {

    private EmaTemplate() {
    }

    /** EMA Avails spreadsheet version written. */
    public static final String XLSX_VERSION = "1.9";
    /** Spreadsheet versions read: 1.8 and 1.9 share the single "Avails" sheet (1.9 adds three columns). */
    public static final List<String> XLSX_VERSIONS_READ = List.of("1.8", "1.9");
    public static final String SHEET = "Avails";
    /** Buyers take at most this many rows in one file; imports read no more. */
    public static final int MAX_ROWS = 60_000;
    /** 1-based sheet row of the first Avail (rows 1 to 3 are the header). */
    public static final int FIRST_DATA_ROW = 4;

    public static final String XML_NS = "http://www.movielabs.com/schema/avails/v2.6/avails";
    public static final String MD_NS = "http://www.movielabs.com/schema/md/v2.10/md";
    public static final String XML_SCHEMA_VERSION = "2.6";

    public static final String XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** One column of the sheet: {@code group/field} is its key, as MovieLabs' tools name it. */
    public record Column(String group, String field, String title, boolean required) {
        public String key() {
            return group + "/" + field;
        }
    }

    public static final Column ENTRY_TYPE = new Column("Disposition", "EntryType", "Entry Type", false);
    public static final Column DISPLAY_NAME = new Column("Avail", "DisplayName", "Licensor Display Name", true);
    public static final Column LICENSEE = new Column("Avail", "Licensee", "Licensee", false);
    public static final Column ALID = new Column("Avail", "ALID", "ALID", true);
    public static final Column ASSOCIATED_ALID = new Column("Avail", "AssociatedALID", "Associated ALID", false);
    public static final Column WORK_TYPE = new Column("AvailAsset", "WorkType", "Work Type", true);
    public static final Column CONTENT_ID = new Column("AvailAsset", "ContentID", "Content ID (EIDR)", true);
    public static final Column TITLE = new Column("AvailMetadata", "TitleDisplayUnlimited", "Title", false);
    public static final Column INTERNAL_ALIAS = new Column("AvailMetadata", "TitleInternalAlias", "Title Internal Alias", true);
    public static final Column TERRITORY = new Column("AvailTrans", "Territory", "Territory (ISO 3166-1)", true);
    public static final Column LICENSE_TYPE = new Column("AvailTrans", "LicenseType", "License Type", true);
    public static final Column START = new Column("AvailTrans", "Start", "Window Start", true);
    public static final Column END = new Column("AvailTrans", "End", "Window End (or Open)", true);
    public static final Column EXCLUSIVE = new Column("AvailTrans", "Exclusive", "Exclusive", false);
    public static final Column EXCLUSIVE_ATTRIBUTES = new Column("AvailTrans", "ExclusiveAttributes", "Exclusive Attributes", false);
    public static final Column ALLOWED_LANGUAGES = new Column("AvailTrans", "AllowedLanguages", "Allowed Languages", false);
    public static final Column CONTRACT_ID = new Column("AvailTrans", "ContractID", "Contract ID", false);
    public static final Column CAMPAIGN_ID = new Column("AvailTrans", "CampaignID", "Campaign ID", false);
    public static final Column TPR_TYPE = new Column("AvailTrans", "TPRType", "TPR Type", false);

    /** The columns written, in order. */
    public static final List<Column> COLUMNS = List.of(ENTRY_TYPE, DISPLAY_NAME, LICENSEE, ALID, ASSOCIATED_ALID, WORK_TYPE, CONTENT_ID,
            TITLE, INTERNAL_ALIAS, TERRITORY, LICENSE_TYPE, START, END, EXCLUSIVE, EXCLUSIVE_ATTRIBUTES, ALLOWED_LANGUAGES, CONTRACT_ID,
            CAMPAIGN_ID, TPR_TYPE);

    /** Columns whose presence marks template 1.9 (absent in 1.8). */
    public static final List<Column> V1_9_COLUMNS = List.of(ASSOCIATED_ALID, CAMPAIGN_ID, TPR_TYPE);

    /** The column groups of an EMA sheet's first row; a first row with none of them is not an EMA sheet. */
    public static final List<String> GROUPS = List.of("Disposition", "Avail", "AvailAsset", "AvailMetadata", "AvailTrans");

    public static List<Column> required() {
        return COLUMNS.stream().filter(Column::required).toList();
    }

    // ------------------------------------------------------------------ media <-> LicenseType

    private static final Map<Media, String> LICENSE_TYPES = new EnumMap<>(Map.of(
            Media.SVOD, "SVOD",
            Media.TVOD, "VOD",
            Media.EST, "EST"));

    /** The EMA LicenseType of one of our media; empty for media EMA Avails has no licence type for (AVOD, FAST, TV). */
    public static Optional<String> licenseType(Media media) {
        return Optional.ofNullable(LICENSE_TYPES.get(media));
    }

    /** Our media that EMA Avails can carry. */
    public static List<Media> emaMedia() {
        return List.copyOf(LICENSE_TYPES.keySet());
    }

    /** The medium of an EMA LicenseType (case-insensitive), or empty when we keep no such medium. */
    public static Optional<Media> media(String licenseType) {
        if (licenseType == null) return Optional.empty();
        String t = licenseType.strip();
        return LICENSE_TYPES.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(t)).map(Map.Entry::getKey).findFirst();
    }

    public static String licenseTypes() {
        return String.join(", ", LICENSE_TYPES.values());
    }

    // ------------------------------------------------------------------ kinds of work

    /** WorkType of our title kinds (FEATURE, SERIES, SEASON, EPISODE). */
    public static String workType(String titleKind) {
        return switch (titleKind) {
            case "FEATURE" -> "Movie";
            case "SERIES" -> "Series";
            case "SEASON" -> "Season";
            case "EPISODE" -> "Episode";
            default -> throw new IllegalArgumentException("no EMA WorkType for title kind " + titleKind);
        };
    }

    /** AvailType (XML) of a WorkType, per the Avails vocabulary: a movie is a {@code single}. */
    public static String availType(String workType) {
        return switch (workType) {
            case "Movie" -> "single";
            case "Series" -> "series";
            case "Season" -> "season";
            case "Episode" -> "episode";
            default -> throw new IllegalArgumentException("no AvailType for WorkType " + workType);
        };
    }

    public static final List<String> WORK_TYPES = List.of("Movie", "Episode", "Season", "Series");

    // ------------------------------------------------------------------ identifiers

    private static final String ORG = "reelflow.io";
    private static final Pattern EIDR = Pattern.compile("10\\.5240/((?:[0-9A-F]{4}-){5}[0-9A-Z])");
    private static final Pattern EIDR_S = Pattern.compile("(?i)md:cid:eidr-s:((?:[0-9A-F]{4}-){5}[0-9A-Z])");
    private static final Pattern EIDR_X = Pattern.compile("(?i)md:cid:eidr-x:10\\.5240/((?:[0-9A-F]{4}-){5}[0-9A-Z])");
    private static final Pattern OWN = Pattern.compile("md:(?:alid|cid):org:" + Pattern.quote(ORG) + ":title-([1-9][0-9]{0,17})");

    /** The ALID of one of our titles. */
    public static String alid(long titleId) {
        return "md:alid:org:" + ORG + ":title-" + titleId;
    }

    /** ContentID as the spreadsheet carries it: the EIDR id when the title has one, else our own content id. */
    public static String contentIdCell(long titleId, String eidrId) {
        return eidrId != null ? eidrId : "md:cid:org:" + ORG + ":title-" + titleId;
    }

    /** ContentID as the XML carries it: {@code md:cid:eidr-s:...} for an EIDR id, any other id as it is. */
    public static String contentIdXml(String contentIdCell) {
        return eidr(contentIdCell).map(e -> "md:cid:eidr-s:" + e.substring("10.5240/".length())).orElse(contentIdCell);
    }

    /** The EIDR id ({@code 10.5240/...}) a ContentID names in any of its forms, or empty. */
    public static Optional<String> eidr(String contentId) {
        if (contentId == null) return Optional.empty();
        String s = contentId.strip();
        for (Pattern p : new Pattern[] {EIDR, EIDR_S, EIDR_X}) {
            Matcher m = p.matcher(s);
            if (m.matches()) return Optional.of("10.5240/" + m.group(1).toUpperCase(Locale.ROOT));
        }
        return Optional.empty();
    }

    /** Our title id when an ALID or ContentID is one Reelflow wrote ({@code md:alid:org:reelflow.io:title-N}), or empty. */
    public static Optional<Long> ownTitleId(String id) {
        if (id == null) return Optional.empty();
        Matcher m = OWN.matcher(id.strip());
        return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }
}
