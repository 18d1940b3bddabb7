package io.reelflow.rights.ema;

import io.reelflow.platform.web.FieldProblem;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.rights.ema.EmaTemplate.Column;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.usermodel.XSSFRelation;

/**
 * Reads an EMA Avails spreadsheet (template 1.8 or 1.9, sheet "Avails") without loading it: POI opens the zip with its
 * zip-bomb limits (inflate ratio, entry size, entry count), and the sheet, shared strings and styles parts are read as
 * XML streams with StAX. It stops at the first row past {@link EmaTemplate#MAX_ROWS}. What is not EMA (no Avails sheet,
 * the Movies/TV sheets of template 1.7 and older, missing required columns) is refused at once; formula and merged cells
 * are reported with their sheet, row and column, with every other problem of the file.
 */
public final class EmaXlsxReader {

    /** Largest uncompressed part read (a full 60,000-row sheet is about 50 MB). */
    public static final long MAX_PART_BYTES = 128L * 1024 * 1024;
    /** Characters kept from all shared strings together. */
    public static final long MAX_SHARED_CHARS = 32L * 1024 * 1024;
    /** Columns looked at; cells further right are ignored. */
    private static final int MAX_COLUMNS = 256;
    /** Excel's own limit for one cell. */
    private static final int MAX_CELL_CHARS = 32_767;

    static {
        // process-wide POI settings: a part may not inflate more than 100 times, nor beyond MAX_PART_BYTES
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(MAX_PART_BYTES);
        ZipSecureFile.setMaxFileCount(1000);
    }

    private EmaXlsxReader() {
    }

    /** The Avails of the file; problems of single cells are added to {@code problems}, a file that is not EMA is refused. */
    public static List<EmaRecord> read(Path file, List<FieldProblem> problems) {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            List<String> strings = sharedStrings(pkg);
            Map<Integer, Boolean> dateStyles = dateStyles(pkg);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            List<String> names = new ArrayList<>();
            while (sheets.hasNext()) {
                try (InputStream in = sheets.next()) {
                    String name = sheets.getSheetName();
                    names.add(name);
                    if (name.equalsIgnoreCase(EmaTemplate.SHEET)) return new SheetParser(name, strings, dateStyles, problems).parse(in);
                }
            }
            if (names.stream().anyMatch(n -> n.equalsIgnoreCase("Movies") || n.equalsIgnoreCase("TV"))) {
                throw refuse("workbook", "template version 1.7 or older (sheets " + names + "): Reelflow reads EMA Avails "
                        + String.join(" and ", EmaTemplate.XLSX_VERSIONS_READ) + " (one sheet named " + EmaTemplate.SHEET + ")");
            }
            throw refuse("workbook", "no sheet named " + EmaTemplate.SHEET + " (sheets " + names + "): not an EMA Avails "
                    + String.join("/", EmaTemplate.XLSX_VERSIONS_READ) + " workbook");
        } catch (InvalidInputException e) {
            throw e;
        } catch (org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException | org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw refuse("file", "not an XLSX workbook: " + abbreviate(e.getMessage()));
        } catch (Exception e) {
            throw refuse("file", unreadable(e));
        }
    }

    private static String unreadable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("Zip bomb") || m.contains("ratio") || m.contains("exceeds the max") || m.contains("max entry size")
                    || m.contains("Max file count") || m.contains("too many")) {
                return "refused as a zip bomb: a part inflates more than 100 times or beyond " + MAX_PART_BYTES / (1024 * 1024)
                        + " MB (" + abbreviate(m) + ")";
            }
        }
        return "not a readable XLSX workbook: " + abbreviate(e.getMessage());
    }

    static InvalidInputException refuse(String field, String reason) {
        return new InvalidInputException(field, reason);
    }

    private static String abbreviate(String s) {
        if (s == null) return "";
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    // ------------------------------------------------------------------ parts

    private static XMLStreamReader xml(InputStream in) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f.createXMLStreamReader(in);
    }

    private static PackagePart part(OPCPackage pkg, XSSFRelation relation) throws org.apache.poi.openxml4j.exceptions.InvalidFormatException {
        List<PackagePart> parts = pkg.getPartsByContentType(relation.getContentType());
        return parts.isEmpty() ? null : parts.get(0);
    }

    private static List<String> sharedStrings(OPCPackage pkg) throws Exception {
        PackagePart part = part(pkg, XSSFRelation.SHARED_STRINGS);
        List<String> out = new ArrayList<>();
        if (part == null) return out;
        long chars = 0;
        try (InputStream in = part.getInputStream()) {
            XMLStreamReader r = xml(in);
            StringBuilder si = null;
            int phonetic = 0;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "si" -> si = new StringBuilder();
                        case "rPh" -> phonetic++;
                        case "t" -> {
                            if (si != null && phonetic == 0) {
                                String t = r.getElementText();
                                chars += t.length();
                                if (chars > MAX_SHARED_CHARS) {
                                    throw refuse("sharedStrings", "the shared strings hold more than " + MAX_SHARED_CHARS + " characters");
                                }
                                si.append(t);
                            }
                        }
                        default -> { }
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    if (r.getLocalName().equals("si") && si != null) {
                        out.add(si.toString());
                        si = null;
                    } else if (r.getLocalName().equals("rPh")) {
                        phonetic--;
                    }
                }
            }
        }
        return out;
    }

    /** Which cell styles (index into cellXfs) show a date. */
    private static Map<Integer, Boolean> dateStyles(OPCPackage pkg) throws Exception {
        Map<Integer, Boolean> out = new HashMap<>();
        PackagePart part = part(pkg, XSSFRelation.STYLES);
        if (part == null) return out;
        Map<Integer, String> formats = new HashMap<>();
        try (InputStream in = part.getInputStream()) {
            XMLStreamReader r = xml(in);
            boolean inCellXfs = false;
            int xf = 0;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "numFmt" -> {
                            Integer id = integer(r.getAttributeValue(null, "numFmtId"));
                            if (id != null && formats.size() < 10_000) formats.put(id, r.getAttributeValue(null, "formatCode"));
                        }
                        case "cellXfs" -> inCellXfs = true;
                        case "xf" -> {
                            if (inCellXfs && xf < 100_000) {
                                Integer id = integer(r.getAttributeValue(null, "numFmtId"));
                                int fmt = id == null ? 0 : id;
                                String code = formats.containsKey(fmt) ? formats.get(fmt) : BuiltinFormats.getBuiltinFormat(fmt);
                                out.put(xf, code != null && DateUtil.isADateFormat(fmt, code));
                                xf++;
                            }
                        }
                        default -> { }
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("cellXfs")) {
                    inCellXfs = false;
                }
            }
        }
        return out;
    }

    private static Integer integer(String s) {
        try {
            return s == null ? null : Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ the sheet

    private static final class SheetParser {
        private final String sheet;
        private final List<String> strings;
        private final Map<Integer, Boolean> dateStyles;
        private final List<FieldProblem> problems;
        private final String[] groups = new String[MAX_COLUMNS];
        private final String[] fields = new String[MAX_COLUMNS];
        private final List<int[]> merges = new ArrayList<>();
        private final List<Object[]> rows = new ArrayList<>(); // {rowNumber, String[] text, LocalDate[] dates}

        SheetParser(String sheet, List<String> strings, Map<Integer, Boolean> dateStyles, List<FieldProblem> problems) {
            this.sheet = sheet;
            this.strings = strings;
            this.dateStyles = dateStyles;
            this.problems = problems;
        }

        List<EmaRecord> parse(InputStream in) throws XMLStreamException {
            XMLStreamReader r = xml(in);
            int rowNum = 0;
            String[] text = null;
            LocalDate[] dates = null;
            int col = -1;
            String type = null;
            Integer style = null;
            String value = null;
            boolean formula = false;
            int dataRows = 0;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "row" -> {
                            Integer n = integer(r.getAttributeValue(null, "r"));
                            rowNum = n != null ? n : rowNum + 1;
                            text = new String[MAX_COLUMNS];
                            dates = new LocalDate[MAX_COLUMNS];
                            col = -1;
                        }
                        case "c" -> {
                            String ref = r.getAttributeValue(null, "r");
                            col = ref != null ? column(ref) : col + 1;
                            type = r.getAttributeValue(null, "t");
                            style = integer(r.getAttributeValue(null, "s"));
                            value = null;
                            formula = false;
                        }
                        case "f" -> formula = true;
                        case "v" -> value = cellText(r.getElementText());
                        case "t" -> {
                            if ("inlineStr".equals(type)) value = (value == null ? "" : value) + cellText(r.getElementText());
                        }
                        case "mergeCell" -> {
                            int[] range = range(r.getAttributeValue(null, "ref"));
                            if (range != null && merges.size() < 10_000) merges.add(range);
                        }
                        default -> { }
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "c" -> {
                            if (text != null && col >= 0 && col < MAX_COLUMNS) cell(rowNum, col, type, style, value, formula, text, dates);
                        }
                        case "row" -> {
                            if (rowNum == 1) System.arraycopy(text, 0, groups, 0, MAX_COLUMNS);
                            else if (rowNum == 2) System.arraycopy(text, 0, fields, 0, MAX_COLUMNS);
                            else if (rowNum >= EmaTemplate.FIRST_DATA_ROW && Arrays.stream(text).anyMatch(s -> s != null && !s.isBlank())) {
                                if (++dataRows > EmaTemplate.MAX_ROWS) {
                                    throw refuse(sheet + "!row " + rowNum, "more than " + EmaTemplate.MAX_ROWS
                                            + " Avail rows: an EMA Avails file holds at most " + EmaTemplate.MAX_ROWS + "; split the file");
                                }
                                rows.add(new Object[] {rowNum, trim(text), dates});
                            }
                            text = null;
                        }
                        default -> { }
                    }
                }
            }
            return records();
        }

        private void cell(int row, int col, String type, Integer style, String value, boolean formula, String[] text, LocalDate[] dates) {
            String ref = sheet + "!" + letters(col) + row;
            if (formula) {
                problems.add(new FieldProblem(ref, "a formula cell: EMA Avails cells hold values, not formulas"));
                return;
            }
            if (value == null) return;
            if (type == null || type.equals("n")) {
                if (style != null && Boolean.TRUE.equals(dateStyles.get(style))) {
                    try {
                        double serial = Double.parseDouble(value);
                        if (!DateUtil.isValidExcelDate(serial)) throw new NumberFormatException(value);
                        dates[col] = DateUtil.getLocalDateTime(serial).toLocalDate();
                        text[col] = dates[col].toString();
                    } catch (NumberFormatException e) {
                        problems.add(new FieldProblem(ref, "'" + abbreviate(value) + "' is not a date"));
                    }
                } else {
                    text[col] = value;
                }
                return;
            }
            switch (type) {
                case "s" -> {
                    Integer i = integer(value);
                    if (i == null || i < 0 || i >= strings.size()) problems.add(new FieldProblem(ref, "refers to shared string " + value + ", which does not exist"));
                    else text[col] = strings.get(i);
                }
                case "inlineStr", "str" -> text[col] = value;
                case "b" -> text[col] = "1".equals(value) ? "TRUE" : "FALSE";
                case "e" -> problems.add(new FieldProblem(ref, "an error cell (" + abbreviate(value) + ")"));
                default -> problems.add(new FieldProblem(ref, "a cell of unknown type '" + abbreviate(type) + "'"));
            }
        }

        private String cellText(String s) {
            if (s.length() > MAX_CELL_CHARS) throw refuse(sheet, "a cell holds more than " + MAX_CELL_CHARS + " characters (Excel's limit)");
            return s;
        }

        private List<EmaRecord> records() {
            // a group label merged across columns (row 1) names each of them; a merge among the Avails is refused
            for (int[] m : merges) {
                if (m[2] >= EmaTemplate.FIRST_DATA_ROW) {
                    problems.add(new FieldProblem(sheet + "!" + letters(m[1]) + m[0] + ":" + letters(m[3]) + m[2],
                            "merged cells: every Avail row holds its own values"));
                } else if (m[0] == 1) {
                    for (int c = m[1] + 1; c <= m[3] && c < MAX_COLUMNS; c++) if (groups[c] == null) groups[c] = groups[m[1]];
                }
            }
            Map<String, Integer> columns = new LinkedHashMap<>();
            for (int c = 0; c < MAX_COLUMNS; c++) {
                if (groups[c] != null && fields[c] != null) columns.putIfAbsent(groups[c].strip() + "/" + fields[c].strip(), c);
            }
            List<String> missing = EmaTemplate.required().stream().map(Column::key).filter(k -> !columns.containsKey(k)).toList();
            if (!missing.isEmpty()) {
                boolean ema = Arrays.stream(groups).anyMatch(g -> g != null && EmaTemplate.GROUPS.contains(g.strip()));
                throw refuse(sheet + "!row 1-2", (ema ? "" : "not an EMA Avails sheet (row 1 names no column group "
                        + EmaTemplate.GROUPS + "); ") + "missing required columns " + missing);
            }
            Map<Column, Integer> known = new HashMap<>();
            for (Column c : EmaTemplate.COLUMNS) if (columns.containsKey(c.key())) known.put(c, columns.get(c.key()));
            List<EmaRecord> out = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                int n = (Integer) row[0];
                String[] text = (String[]) row[1];
                LocalDate[] dates = (LocalDate[]) row[2];
                Map<Column, String> t = new HashMap<>();
                Map<Column, LocalDate> d = new HashMap<>();
                Map<Column, String> at = new HashMap<>();
                for (Map.Entry<Column, Integer> e : known.entrySet()) {
                    int c = e.getValue();
                    if (c < text.length && text[c] != null) t.put(e.getKey(), text[c]);
                    if (c < dates.length && dates[c] != null) d.put(e.getKey(), dates[c]);
                    at.put(e.getKey(), sheet + "!" + letters(c) + n);
                }
                out.add(new EmaRecord(sheet + "!row " + n, t, d, at));
            }
            return out;
        }

        private static String[] trim(String[] text) {
            int last = text.length - 1;
            while (last >= 0 && text[last] == null) last--;
            return Arrays.copyOf(text, last + 1);
        }
    }

    /** 0-based column of a cell reference such as {@code AB12}. */
    static int column(String ref) {
        int c = 0;
        int i = 0;
        while (i < ref.length() && Character.isLetter(ref.charAt(i)) && i < 4) {
            c = c * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
            i++;
        }
        return c - 1;
    }

    private static int row(String ref) {
        int i = 0;
        while (i < ref.length() && Character.isLetter(ref.charAt(i))) i++;
        Integer n = integer(ref.substring(i));
        return n == null ? -1 : n;
    }

    /** {first row, first column, last row, last column} of {@code A1:C3}. */
    private static int[] range(String ref) {
        if (ref == null || !ref.contains(":")) return null;
        String[] p = ref.split(":", 2);
        return new int[] {row(p[0]), column(p[0]), row(p[1]), column(p[1])};
    }

    static String letters(int col) {
        StringBuilder sb = new StringBuilder();
        for (int c = col + 1; c > 0; c = (c - 1) / 26) sb.insert(0, (char) ('A' + (c - 1) % 26));
        return sb.toString().toUpperCase(Locale.ROOT);
    }
}
