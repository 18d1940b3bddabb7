package io.reelflow.rights.ema;

import io.reelflow.platform.web.FieldProblem;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.rights.ema.EmaTemplate.Column;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an EMA Avails XML document ({@code AvailList} of the Avails 2.5 or 2.6 schema) as a stream with StAX: no DTD, no
 * external entity, bounded depth and text, and at most {@link EmaTemplate#MAX_ROWS} Avail rows (one per Transaction x
 * Territory). Each value keeps its XPath, so a problem names where it is. End dates are whole days: an End at 00:00:00
 * ends the day before (the window stops at that midnight), any other time ends that day.
 */
public final class EmaXmlReader {

    public static final List<String> NAMESPACES = List.of("http://www.movielabs.com/schema/avails/v2.5/avails", EmaTemplate.XML_NS);
    private static final int MAX_DEPTH = 32;
    private static final int MAX_TEXT = 32_767;

    private EmaXmlReader() {
    }

    private static final class Trans {
        String path;
        String licenseType;
        String licenseTypeAt;
        final List<String[]> territories = new ArrayList<>(); // {code, path}
        String start;
        String startAt;
        String end;
        String endAt;
        boolean endIsCondition;
        String exclusive;
        String exclusiveAt;
        String termName;
    }

    private static final class Avail {
        String path;
        final Map<Column, String> text = new HashMap<>();
        final Map<Column, String> at = new HashMap<>();
        int assets;
        final List<Trans> transactions = new ArrayList<>();
    }

    public static List<EmaRecord> read(InputStream in, List<FieldProblem> problems) {
        try {
            XMLInputFactory f = XMLInputFactory.newFactory();
            f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            f.setProperty(XMLInputFactory.IS_COALESCING, true);
            XMLStreamReader r = f.createXMLStreamReader(in);
            return new Parser(r, problems).parse();
        } catch (InvalidInputException e) {
            throw e;
        } catch (XMLStreamException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber();
            throw new InvalidInputException("xml", "not well-formed XML" + where + ": " + abbreviate(e.getMessage()));
        } catch (RuntimeException e) {
            throw new InvalidInputException("xml", "not readable XML: " + abbreviate(e.getMessage()));
        }
    }

    private static final class Parser {
        private final XMLStreamReader r;
        private final List<FieldProblem> problems;
        private final Deque<String> path = new ArrayDeque<>();
        private final Deque<Map<String, Integer>> siblings = new ArrayDeque<>();
        private final List<EmaRecord> out = new ArrayList<>();
        private Avail avail;
        private Trans trans;
        private String ns;

        Parser(XMLStreamReader r, List<FieldProblem> problems) {
            this.r = r;
            this.problems = problems;
        }

        List<EmaRecord> parse() throws XMLStreamException {
            siblings.push(new HashMap<>());
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) start();
                else if (ev == XMLStreamConstants.END_ELEMENT) end();
            }
            return out;
        }

        private String here() {
            return String.join("", (Iterable<String>) () -> path.descendingIterator());
        }

        private void start() throws XMLStreamException {
            String name = r.getLocalName();
            int index = siblings.peek().merge(name, 1, Integer::sum);
            path.push("/" + name + (path.isEmpty() ? "" : "[" + index + "]"));
            siblings.push(new HashMap<>());
            if (path.size() > MAX_DEPTH) throw new InvalidInputException(here(), "elements nested deeper than " + MAX_DEPTH);
            if (path.size() == 1) {
                ns = r.getNamespaceURI();
                if (!"AvailList".equals(name) || !NAMESPACES.contains(ns)) {
                    throw new InvalidInputException("/" + name, "not an EMA Avails list: expected AvailList of the Avails 2.5 or 2.6 schema "
                            + NAMESPACES + ", found " + name + (ns == null || ns.isEmpty() ? " without a namespace" : " of " + ns));
                }
                return;
            }
            String parent = parentName();
            switch (name) {
                case "Avail" -> {
                    if (path.size() == 2) {
                        avail = new Avail();
                        avail.path = here();
                    }
                }
                case "ALID" -> {
                    if (avail != null && "Avail".equals(parent)) value(EmaTemplate.ALID, text());
                }
                case "DisplayName" -> {
                    if (avail != null && "Licensor".equals(parent)) value(EmaTemplate.DISPLAY_NAME, text());
                }
                case "Asset" -> {
                    if (avail != null && "Avail".equals(parent)) {
                        avail.assets++;
                        if (avail.assets == 1) {
                            String id = r.getAttributeValue(null, "contentID");
                            if (id != null) {
                                avail.text.put(EmaTemplate.CONTENT_ID, id);
                                avail.at.put(EmaTemplate.CONTENT_ID, here() + "/@contentID");
                            }
                        }
                    }
                }
                case "WorkType" -> {
                    if (avail != null && "Asset".equals(parent) && avail.assets == 1) value(EmaTemplate.WORK_TYPE, text());
                }
                case "TitleInternalAlias", "SeriesTitleInternalAlias", "SeasonTitleInternalAlias" -> {
                    if (avail != null && avail.assets == 1 && !avail.text.containsKey(EmaTemplate.INTERNAL_ALIAS)) value(EmaTemplate.INTERNAL_ALIAS, text());
                }
                case "Transaction" -> {
                    if (avail != null && "Avail".equals(parent)) {
                        trans = new Trans();
                        trans.path = here();
                        avail.transactions.add(trans);
                    }
                }
                case "LicenseType" -> {
                    if (trans != null) {
                        trans.licenseTypeAt = here();
                        trans.licenseType = text();
                    }
                }
                case "country", "countryRegion" -> {
                    if (trans != null && "Territory".equals(parent)) {
                        String at = here();
                        trans.territories.add(new String[] {text(), at});
                    }
                }
                case "Start", "StartCondition" -> {
                    if (trans != null && "Transaction".equals(parent)) {
                        trans.startAt = here();
                        trans.start = text();
                    }
                }
                case "End", "EndCondition" -> {
                    if (trans != null && "Transaction".equals(parent)) {
                        trans.endAt = here();
                        trans.endIsCondition = name.equals("EndCondition");
                        trans.end = text();
                    }
                }
                case "Term" -> {
                    if (trans != null) trans.termName = r.getAttributeValue(null, "termName");
                }
                case "Boolean" -> {
                    if (trans != null && "Exclusive".equals(trans.termName)) {
                        trans.exclusiveAt = here();
                        trans.exclusive = text();
                    }
                }
                default -> { }
            }
        }

        private String parentName() {
            var it = path.iterator();
            it.next();
            String p = it.next();
            int b = p.indexOf('[');
            return p.substring(1, b < 0 ? p.length() : b);
        }

        /** The element's text (it is then at its end element, which is handled here). */
        private String text() throws XMLStreamException {
            StringBuilder sb = new StringBuilder();
            while (true) {
                int ev = r.next();
                if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA || ev == XMLStreamConstants.SPACE) {
                    sb.append(r.getText());
                    if (sb.length() > MAX_TEXT) throw new InvalidInputException(here(), "text longer than " + MAX_TEXT + " characters");
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    end();
                    return sb.toString().strip();
                } else if (ev == XMLStreamConstants.START_ELEMENT) {
                    throw new InvalidInputException(here(), "an element where text was expected");
                }
            }
        }

        private void value(Column c, String text) {
            avail.text.put(c, text);
            // text() has left the element: its path was the one just closed
            avail.at.put(c, lastClosed);
        }

        private String lastClosed;

        private void end() {
            String closed = here();
            lastClosed = closed;
            path.pop();
            siblings.pop();
            if (path.size() == 1 && avail != null && closed.equals(avail.path)) {
                emit(avail);
                avail = null;
                trans = null;
            } else if (trans != null && closed.equals(trans.path)) {
                trans = null;
            }
        }

        private void emit(Avail a) {
            if (a.assets > 1) problems.add(new FieldProblem(a.path + "/Asset[2]", "more than one Asset (a bundle): import each title as its own Avail"));
            if (a.transactions.isEmpty()) problems.add(new FieldProblem(a.path + "/Transaction", "required"));
            for (Trans t : a.transactions) {
                List<String[]> territories = t.territories.isEmpty() ? List.<String[]>of(new String[] {null, t.path + "/Territory"}) : t.territories;
                for (String[] territory : territories) {
                    if (out.size() >= EmaTemplate.MAX_ROWS) {
                        throw new InvalidInputException(territory[1], "more than " + EmaTemplate.MAX_ROWS
                                + " Avail rows (Transaction x Territory): an EMA Avails file holds at most " + EmaTemplate.MAX_ROWS + "; split the file");
                    }
                    Map<Column, String> text = new HashMap<>(a.text);
                    Map<Column, String> at = new HashMap<>(a.at);
                    Map<Column, LocalDate> dates = new HashMap<>();
                    put(text, at, EmaTemplate.LICENSE_TYPE, t.licenseType, t.licenseTypeAt, t.path + "/LicenseType");
                    put(text, at, EmaTemplate.TERRITORY, territory[0], territory[1], territory[1]);
                    put(text, at, EmaTemplate.START, t.start, t.startAt, t.path + "/Start");
                    put(text, at, EmaTemplate.END, t.end, t.endAt, t.path + "/End");
                    put(text, at, EmaTemplate.EXCLUSIVE, t.exclusive, t.exclusiveAt, t.path + "/Term[@termName='Exclusive']/Boolean");
                    for (Column c : List.of(EmaTemplate.DISPLAY_NAME, EmaTemplate.ALID, EmaTemplate.WORK_TYPE, EmaTemplate.INTERNAL_ALIAS)) {
                        at.putIfAbsent(c, a.path + "/" + switch (c.field()) {
                            case "DisplayName" -> "Licensor/DisplayName";
                            case "WorkType" -> "Asset[1]/WorkType";
                            case "TitleInternalAlias" -> "Asset[1]/Metadata/TitleInternalAlias";
                            default -> c.field();
                        });
                    }
                    at.putIfAbsent(EmaTemplate.CONTENT_ID, a.path + "/Asset[1]/@contentID");
                    if (t.start != null && !t.start.isBlank()) day(t.start, false).ifPresent(d -> dates.put(EmaTemplate.START, d));
                    if (t.end != null && !t.endIsCondition && !t.end.isBlank()) day(t.end, true).ifPresent(d -> dates.put(EmaTemplate.END, d));
                    if (t.endIsCondition && !"Open".equalsIgnoreCase(t.end)) {
                        problems.add(new FieldProblem(t.endAt, "EndCondition '" + abbreviate(t.end) + "': only Open (evergreen) is imported"));
                        continue;
                    }
                    if (t.start != null && t.startAt != null && t.startAt.contains("StartCondition")) {
                        problems.add(new FieldProblem(t.startAt, "StartCondition '" + abbreviate(t.start) + "': a Start date is required"));
                        continue;
                    }
                    out.add(new EmaRecord(a.path, text, dates, at));
                }
            }
        }

        private static void put(Map<Column, String> text, Map<Column, String> at, Column c, String value, String valueAt, String fallbackAt) {
            if (value != null) text.put(c, value);
            at.put(c, valueAt != null ? valueAt : fallbackAt);
        }
    }

    /** The day of an xs:dateTime (or xs:date); for an End, 00:00:00 means the window stopped at the start of that day. */
    static java.util.Optional<LocalDate> day(String s, boolean end) {
        try {
            LocalDateTime t;
            if (s.length() == 10) return java.util.Optional.of(LocalDate.parse(s));
            if (s.endsWith("Z") || s.matches(".*[+-]\\d{2}:\\d{2}$")) t = OffsetDateTime.parse(s).toLocalDateTime();
            else t = LocalDateTime.parse(s);
            LocalDate d = t.toLocalDate();
            return java.util.Optional.of(end && t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? d.minusDays(1) : d);
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    private static String abbreviate(String s) {
        if (s == null) return "";
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
