package io.reelflow.inspection;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a TTML file in one streaming pass and computes every paragraph's time interval as TTML1 (§10) defines
 * it: {@code par} and {@code seq} time containers; {@code begin}, {@code end} and {@code dur} on {@code body},
 * {@code div}, {@code p} and {@code span} taken relative to their sync base (the parent's begin in a par
 * container, the previous sibling's end in a seq one); implicit durations (a par container ends with its last
 * child, a seq one with its last child, text without timing is indefinite); every interval clipped by its
 * ancestors' ends and by the timing of the region it is shown in.
 *
 * <p>Memory is bounded by the nesting depth (one small frame per open element; the begin of an element is
 * accumulated from its parent's frame, nothing is copied per element) plus the text of the paragraph being read,
 * the ids seen and the styles and regions of the head; time is linear in the file. The file must be UTF-8;
 * limits on size, depth and element count ({@link XmlLimits#TIMED_TEXT}) are checked while streaming.
 */
final class TimedTextReader {

    static final String TT = "http://www.w3.org/ns/ttml";
    static final String TTS = "http://www.w3.org/ns/ttml#styling";
    static final int MAX_LINE_CHARS = 2000;
    static final int MAX_PENDING_REFERENCES = 1000;
    /** Far more styles or regions than a subtitle file uses; past it, further ones are not recorded. */
    static final int MAX_STYLES_AND_REGIONS = 10_000;

    /** The tt element. */
    record Root(String namespace, String name, String language, String contentProfiles, TimingParameters timing) {

        boolean isTtml() {
            return TT.equals(namespace) && "tt".equals(name);
        }
    }

    /**
     * One paragraph as shown: its interval after inheritance and clipping, and its lines.
     *
     * @param lines     displayed lines (from {@code br}, never from source formatting), whitespace-normalized, ruby
     *                  annotations left out; each at most {@link #MAX_LINE_CHARS} characters
     * @param lineCount how many lines the paragraph has
     * @param vertical  shown in a region with a vertical writing mode ({@code tts:writingMode} tb, tblr or tbrl)
     */
    record Event(String id, int line, Rational begin, Rational end, List<String> lines, int lineCount,
                 boolean vertical) {

        Event(String id, int line, Rational begin, Rational end, List<String> lines, int lineCount) {
            this(id, line, begin, end, lines, lineCount, false);
        }

        String label() {
            return "p" + (id == null ? "" : " xml:id=" + id) + " (line " + line + ")";
        }

        Rational duration() {
            return end.minus(begin);
        }

        /** Text for comparing events across files: lines joined by a space, whitespace collapsed, Unicode NFC. */
        String comparableText() {
            return Normalizer.normalize(String.join(" ", lines), Normalizer.Form.NFC).replaceAll("\\s+", " ").strip();
        }

        String span() {
            return TimeExpression.format(begin) + "–" + TimeExpression.format(end);
        }
    }

    interface Listener {
        /** Called once, at the root, before any event. */
        void root(Root root);

        void event(Event event);
    }

    /** What the pass saw. */
    record Summary(Root root, int paragraphs, int events) {
    }

    private TimedTextReader() {
    }

    /**
     * @param name     the file's name in findings
     * @param out      receives every finding about the content
     * @param listener receives the root, then each shown event in document order
     * @throws XmlProblem when the file cannot be read to the end (not UTF-8, not well-formed, over a limit, a link)
     */
    static Summary read(Path file, String name, XmlLimits limits, FindingSink out, Listener listener)
            throws XmlProblem {
        SecureXml.checkFile(file, limits);
        try (InputStream raw = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            StrictUtf8Reader text = utf8(raw);
            XMLInputFactory factory = SecureXml.inputFactory();
            factory.setProperty(XMLInputFactory.IS_COALESCING, false);
            XMLStreamReader x;
            try {
                x = factory.createXMLStreamReader(text);
            } catch (XMLStreamException e) {
                throw text.failure != null ? notUtf8(file) : malformed(e);
            }
            try {
                String declared = x.getCharacterEncodingScheme();
                if (declared != null && !declared.equalsIgnoreCase("UTF-8") && !declared.equalsIgnoreCase("UTF8")) {
                    throw new XmlProblem(FindingCode.TTML_ENCODING_INVALID, "the XML declaration names the encoding "
                            + Plain.quote(declared) + "; Netflix requires UTF-8", null);
                }
                return new Pass(name, limits, out, listener, x).run();
            } catch (XMLStreamException e) {
                throw text.failure != null ? notUtf8(file) : malformed(e);
            } finally {
                x.close();
            }
        } catch (ByteOrderMark e) {
            throw new XmlProblem(FindingCode.TTML_ENCODING_INVALID, "the file is not UTF-8: " + e.getMessage(), e);
        } catch (CharacterCodingException e) {
            throw notUtf8(file);
        } catch (IOException e) {
            throw SecureXml.unreadable(file, e);
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
    }

    private static XmlProblem malformed(XMLStreamException e) {
        int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
        return SecureXml.problem(Plain.parserReason(e), line, e);
    }

    private static XmlProblem notUtf8(Path file) {
        long line = firstLineNotUtf8(file);
        return new XmlProblem(FindingCode.TTML_ENCODING_INVALID, "the file is not UTF-8: the bytes"
                + (line > 0 ? " at line " + line : "") + " are not valid UTF-8 (Netflix requires UTF-8)", null);
    }

    /** The line of the first byte sequence that is not UTF-8 (RFC 3629), in one pass; 0 when it cannot tell. */
    static long firstLineNotUtf8(Path file) {
        try (InputStream in = new java.io.BufferedInputStream(
                Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), 1 << 16)) {
            long line = 1;
            int need = 0;
            int min = 0;
            int cp = 0;
            int b;
            while ((b = in.read()) >= 0) {
                if (need == 0) {
                    if (b == '\n') {
                        line++;
                    } else if (b >= 0xC2 && b <= 0xDF) {
                        need = 1;
                        cp = b & 0x1F;
                        min = 0x80;
                    } else if (b >= 0xE0 && b <= 0xEF) {
                        need = 2;
                        cp = b & 0x0F;
                        min = 0x800;
                    } else if (b >= 0xF0 && b <= 0xF4) {
                        need = 3;
                        cp = b & 0x07;
                        min = 0x10000;
                    } else if (b >= 0x80) {
                        return line;
                    }
                } else {
                    if ((b & 0xC0) != 0x80) {
                        return line;
                    }
                    cp = (cp << 6) | (b & 0x3F);
                    if (--need == 0 && (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) {
                        return line;
                    }
                }
            }
            return need == 0 ? 0 : line;
        } catch (IOException e) {
            return 0;
        }
    }

    /** A byte-order mark of another encoding than UTF-8. */
    private static final class ByteOrderMark extends IOException {
        private static final long serialVersionUID = 1L;

        ByteOrderMark() {
            super("it starts like a UTF-16 or UTF-32 file; Netflix requires UTF-8");
        }
    }

    /** A strict UTF-8 reader: a UTF-8 byte-order mark is skipped, another encoding's mark or invalid bytes fail. */
    private static StrictUtf8Reader utf8(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 4);
        byte[] head = new byte[4];
        int n = in.readNBytes(head, 0, 4);
        int b0 = n > 0 ? head[0] & 0xFF : -1;
        int b1 = n > 1 ? head[1] & 0xFF : -1;
        int b2 = n > 2 ? head[2] & 0xFF : -1;
        if ((b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE) || (b0 == 0 && b1 == 0)
                || (b0 == 0 && b1 == '<') || (b0 == '<' && b1 == 0)) {
            throw new ByteOrderMark();
        }
        int skip = (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) ? 3 : 0;
        if (n > skip) {
            in.unread(head, skip, n - skip);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        return new StrictUtf8Reader(new InputStreamReader(in, decoder));
    }

    /** Remembers a decoding failure, so that the parser's report of it becomes a finding about the encoding. */
    private static final class StrictUtf8Reader extends Reader {
        private final Reader in;
        IOException failure;

        StrictUtf8Reader(Reader in) {
            this.in = in;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            try {
                return in.read(buf, off, len);
            } catch (CharacterCodingException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** One open element. */
    private static final class Frame {
        final String name;
        final boolean timing;     // body, div, p, span in the TTML namespace
        final int line;
        Rational begin;           // absolute begin; null: it never begins (after a sibling that never ends)
        Rational explicitEnd;     // absolute end from its own end/dur, already clipped; null: none
        Rational clip;            // the end that bounds it and its descendants; null: unbounded
        boolean seq;
        Rational nextSyncBase;    // in a seq container: where the next child begins
        Rational maxChildEnd;
        boolean anyChild;
        boolean indefiniteChild;  // a child (or text) with no end of its own
        boolean ownTiming;        // begin, end or dur on the element
        boolean timedScope;       // timing on it or an ancestor
        boolean timedBelow;       // timing on a descendant
        boolean never;            // clipped away or never begins
        boolean invalid;          // its own timing is wrong (reported)
        String region;
        boolean hidden;
        boolean preserve;

        Frame(String name, boolean timing, int line) {
            this.name = name;
            this.timing = timing;
            this.line = line;
        }
    }

    private record Region(String id, int line, Rational begin, Rational end, boolean vertical) {
    }

    private record Reference(String id, int line, String element) {
    }

    /** The state of one pass. */
    private static final class Pass {
        final String file;
        final XmlLimits limits;
        final FindingSink out;
        final Listener listener;
        final XMLStreamReader x;

        final Deque<Frame> stack = new ArrayDeque<>();
        final IdSet ids = new IdSet();
        final Set<String> styleIds = new HashSet<>();
        final Map<String, List<String>> styleRefs = new LinkedHashMap<>();
        final Map<String, Integer> styleLines = new HashMap<>();
        final Map<String, String[]> styleGeometry = new HashMap<>();
        final Map<String, Region> regions = new HashMap<>();
        final List<Reference> pendingStyles = new ArrayList<>();
        final List<Reference> pendingRegions = new ArrayList<>();
        int droppedReferences;
        int invalidTimes;
        boolean stylesOverflowReported;
        TimingParameters timing = TimingParameters.defaults();
        Root root;
        String[] rootExtent;
        boolean frameRateReported;
        Paragraph paragraph;
        int paragraphs;
        int events;
        long elements;

        Pass(String file, XmlLimits limits, FindingSink out, Listener listener, XMLStreamReader x) {
            this.file = file;
            this.limits = limits;
            this.out = out;
            this.listener = listener;
            this.x = x;
        }

        Summary run() throws XMLStreamException, XmlProblem {
            while (x.hasNext()) {
                int event = x.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> throw SecureXml.doctype(x.getLocation().getLineNumber());
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (!start()) {
                            return new Summary(root, 0, 0); // not TTML: nothing more to read
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> end();
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                            characters();
                    default -> {
                    }
                }
            }
            resolveReferences();
            return new Summary(root, paragraphs, events);
        }

        /** @return false when the root is not TTML */
        private boolean start() throws XmlProblem {
            int line = x.getLocation().getLineNumber();
            String ns = x.getNamespaceURI();
            String name = x.getLocalName();
            elements++;
            if (stack.size() + 1 > limits.maxDepth()) {
                throw SecureXml.tooDeep(limits, line, name);
            }
            if (elements > limits.maxElements()) {
                throw SecureXml.tooMany(limits, line, name);
            }
            boolean inTt = TT.equals(ns);
            String id = x.getAttributeValue(XMLConstants.XML_NS_URI, "id");
            if (id != null && !ids.add(id)) {
                out.add(Finding.of(FindingCode.TTML_DUPLICATE_ID, file, "<" + name + "> at line " + line,
                        "xml:id " + Plain.quote(id) + " is used more than once"));
            }
            if (root == null) {
                return root(ns, name, line);
            }
            Frame parent = stack.peek();
            boolean timingElement = inTt && (name.equals("body") || name.equals("div") || name.equals("p")
                    || name.equals("span"));
            Frame f = new Frame(name, timingElement, line);
            String ruby = x.getAttributeValue(TTS, "ruby");
            // ruby annotations (IMSC 1.1, Japanese) are not part of the line, nor is metadata or foreign markup
            f.hidden = parent.hidden || "text".equals(ruby) || "textContainer".equals(ruby)
                    || "delimiter".equals(ruby) || !inTt || name.equals("metadata");
            String space = x.getAttributeValue(XMLConstants.XML_NS_URI, "space");
            f.preserve = space == null ? parent.preserve : "preserve".equals(space);
            String region = x.getAttributeValue(null, "region");
            f.region = region == null ? parent.region : region.trim();
            if (region != null && inTt) {
                reference(pendingRegions, regions.keySet(), region.trim(), line, name);
            }
            String style = x.getAttributeValue(null, "style");
            if (style != null && inTt) {
                for (String s : style.trim().split("\\s+")) {
                    if (!s.isEmpty()) {
                        reference(pendingStyles, styleIds, s, line, name);
                    }
                }
            }
            if (timingElement) {
                time(f, parent);
            } else {
                f.begin = parent.begin;
                f.clip = parent.clip;
                f.nextSyncBase = parent.begin;
                f.never = parent.never;
                f.timedScope = parent.timedScope;
                if (inTt && name.equals("style")) {
                    style(id, style, line);
                } else if (inTt && name.equals("region")) {
                    region(id, style, line);
                }
            }
            if (inTt && name.equals("p") && paragraph == null) {
                paragraph = new Paragraph(id, line);
                paragraphs++;
            } else if (inTt && name.equals("br") && paragraph != null && !f.hidden) {
                paragraph.lineBreak();
            }
            stack.push(f);
            return true;
        }

        private boolean root(String ns, String name, int line) {
            String language = x.getAttributeValue(XMLConstants.XML_NS_URI, "lang");
            Map<String, String> ttp = new LinkedHashMap<>();
            for (int i = 0; i < x.getAttributeCount(); i++) {
                if (TimingParameters.TTP.equals(x.getAttributeNamespace(i))) {
                    ttp.put(x.getAttributeLocalName(i), x.getAttributeValue(i));
                }
            }
            String profiles = ttp.getOrDefault("contentProfiles", ttp.get("profile"));
            List<Finding> timingFindings = new ArrayList<>();
            timing = TimingParameters.from(ttp, file, timingFindings);
            root = new Root(ns, name, language, profiles, timing);
            listener.root(root);
            if (!root.isTtml()) {
                return false;
            }
            out.addAll(timingFindings);
            String extent = x.getAttributeValue(TTS, "extent");
            rootExtent = extent == null ? null : extent.trim().split("\\s+");
            Frame f = new Frame(name, false, line);
            f.begin = Rational.ZERO;
            f.nextSyncBase = Rational.ZERO;
            String space = x.getAttributeValue(XMLConstants.XML_NS_URI, "space");
            f.preserve = "preserve".equals(space);
            stack.push(f);
            return true;
        }

        /** Begin, end and clip of a timed element, from its parent's frame: no walk up the tree. */
        private void time(Frame f, Frame parent) {
            String element = "<" + f.name + "> at line " + f.line;
            int before = invalidTimes;
            Rational b = offset("begin", element);
            Rational e = offset("end", element);
            Rational d = offset("dur", element);
            if (invalidTimes > before || parent.invalid) {
                // a time that cannot be read leaves the element (and what it holds) without a usable interval;
                // the finding on it says why, so nothing inside it is reported again
                f.invalid = true;
                f.never = true;
                f.timedScope = true;
                return;
            }
            String container = x.getAttributeValue(null, "timeContainer");
            if (container != null && !container.trim().equals("par") && !container.trim().equals("seq")) {
                out.add(Finding.of(FindingCode.TTML_TIMING_ATTRIBUTE_INVALID, file, element,
                        "timeContainer " + Plain.quote(container) + " is neither par nor seq; par is assumed"));
            }
            f.seq = container != null && container.trim().equals("seq");
            f.ownTiming = x.getAttributeValue(null, "begin") != null || x.getAttributeValue(null, "end") != null
                    || x.getAttributeValue(null, "dur") != null;
            f.timedScope = parent.timedScope || f.ownTiming;
            Rational syncBase = parent.never ? null : parent.seq ? parent.nextSyncBase : parent.begin;
            if (syncBase == null) {
                f.begin = null;
                f.never = true;
                return;
            }
            f.begin = b == null ? syncBase : syncBase.plus(b);
            Rational end = e == null ? null : syncBase.plus(e);
            if (d != null) {
                Rational byDuration = f.begin.plus(d);
                end = end == null ? byDuration : end.min(byDuration);
            }
            if (end != null && !end.isGreaterThan(f.begin)) {
                f.invalid = true;
                out.add(Finding.of(FindingCode.TTML_TIME_EXPRESSION_INVALID, file, element,
                        "the <" + f.name + "> ends at " + TimeExpression.format(end) + ", not after it begins at "
                                + TimeExpression.format(f.begin)));
                end = null;
            }
            f.explicitEnd = end == null ? null : parent.clip == null ? end : end.min(parent.clip);
            f.clip = f.explicitEnd != null ? f.explicitEnd : parent.clip;
            f.never = f.invalid || (parent.clip != null && !f.begin.isLessThan(parent.clip));
            f.nextSyncBase = f.begin;
        }

        /** A begin/end/dur attribute as a time offset; an invalid one is a finding and counts as absent. */
        private Rational offset(String attribute, String element) {
            String text = x.getAttributeValue(null, attribute);
            if (text == null) {
                return null;
            }
            try {
                TimeExpression.Parsed parsed = TimeExpression.parse(text, timing);
                if (parsed.frameBased() && !timing.frameRateSpecified && !frameRateReported) {
                    frameRateReported = true;
                    out.add(Finding.of(FindingCode.TTML_FRAME_RATE_MISSING, file, element,
                            "frame-based time expressions are used but ttp:frameRate is not given, so frames "
                                    + "would be counted at TTML's default of 30 fps"));
                }
                return parsed.seconds();
            } catch (TimeExpression.Invalid ex) {
                invalidTimes++;
                out.add(Finding.of(ex.code, file, element, attribute + ": " + ex.getMessage()));
                return null;
            } catch (RuntimeException ex) {
                invalidTimes++;
                out.add(Finding.of(FindingCode.TTML_TIME_EXPRESSION_INVALID, file, element,
                        attribute + " " + Plain.quote(text) + " cannot be read as a time"));
                return null;
            }
        }

        private void style(String id, String refs, int line) {
            if (id == null || tooManyStylesOrRegions(line)) {
                return;
            }
            styleIds.add(id);
            styleLines.put(id, line);
            if (refs != null) {
                styleRefs.put(id, List.of(refs.trim().split("\\s+")));
            }
            String origin = x.getAttributeValue(TTS, "origin");
            String extent = x.getAttributeValue(TTS, "extent");
            String writingMode = x.getAttributeValue(TTS, "writingMode");
            if (origin != null || extent != null || writingMode != null) {
                styleGeometry.put(id, new String[] {origin, extent, writingMode});
            }
        }

        private void region(String id, String styleRefs, int line) {
            String element = "<region" + (id == null ? "" : " xml:id=" + id) + "> at line " + line;
            Rational b = offset("begin", element);
            Rational e = offset("end", element);
            Rational d = offset("dur", element);
            Rational begin = b == null ? Rational.ZERO : b;
            Rational end = e;
            if (d != null) {
                end = end == null ? begin.plus(d) : end.min(begin.plus(d));
            }
            String origin = x.getAttributeValue(TTS, "origin");
            String extent = x.getAttributeValue(TTS, "extent");
            String writingMode = x.getAttributeValue(TTS, "writingMode");
            if (styleRefs != null) {
                for (String s : styleRefs.trim().split("\\s+")) {
                    String[] g = styleGeometry.get(s);
                    if (g != null) {
                        origin = origin == null ? g[0] : origin;
                        extent = extent == null ? g[1] : extent;
                        writingMode = writingMode == null ? g[2] : writingMode;
                    }
                }
            }
            boolean vertical = writingMode != null && writingMode.trim().startsWith("tb");
            if (id != null && !tooManyStylesOrRegions(line)) {
                regions.put(id, new Region(id, line, begin, end, vertical));
            }
            checkRegionGeometry(element, origin, extent);
        }

        /** Origin plus extent must stay within the root container, per axis, where the units allow comparing. */
        private void checkRegionGeometry(String element, String origin, String extent) {
            if (origin == null || extent == null) {
                return;
            }
            String[] o = origin.trim().split("\\s+");
            String[] e = extent.trim().split("\\s+");
            if (o.length != 2 || e.length != 2) {
                return;
            }
            String[] axes = {"width", "height"};
            for (int i = 0; i < 2; i++) {
                Rational from = fraction(o[i], i);
                Rational size = fraction(e[i], i);
                if (from == null || size == null) {
                    continue;
                }
                Rational reach = from.plus(size);
                if (from.signum() < 0 || reach.isGreaterThan(Rational.ONE)) {
                    out.add(Finding.of(FindingCode.TTML_REGION_OUTSIDE_ROOT, file, element,
                            "the region (origin " + origin.trim() + ", extent " + extent.trim() + ") reaches "
                                    + reach.times(100).toDecimalString(1) + " % of the root container's " + axes[i]
                                    + "; a region must lie within the root container"));
                }
            }
        }

        /** A length as a fraction of the root container, or null when it cannot be compared. */
        private Rational fraction(String length, int axis) {
            try {
                if (length.endsWith("%")) {
                    return Rational.parse(length.substring(0, length.length() - 1)).dividedBy(Rational.of(100));
                }
                if (length.endsWith("px") && rootExtent != null && rootExtent.length == 2
                        && rootExtent[axis].endsWith("px")) {
                    Rational root = Rational.parse(rootExtent[axis].substring(0, rootExtent[axis].length() - 2));
                    return root.signum() > 0
                            ? Rational.parse(length.substring(0, length.length() - 2)).dividedBy(root) : null;
                }
            } catch (RuntimeException e) {
                return null;
            }
            return null;
        }

        private boolean tooManyStylesOrRegions(int line) {
            if (styleIds.size() + regions.size() < MAX_STYLES_AND_REGIONS) {
                return false;
            }
            if (!stylesOverflowReported) {
                stylesOverflowReported = true;
                out.add(Finding.of(FindingCode.XML_LIMIT_EXCEEDED, file, "line " + line,
                        "the file defines more than " + MAX_STYLES_AND_REGIONS + " styles and regions; the rest "
                                + "were not recorded, so references to them are reported as unresolved"));
            }
            return true;
        }

        private void reference(List<Reference> pending, Set<String> known, String id, int line, String element) {
            if (known.contains(id)) {
                return;
            }
            if (pending.size() < MAX_PENDING_REFERENCES) {
                pending.add(new Reference(id, line, element));
            } else {
                droppedReferences++;
            }
        }

        private void characters() {
            Frame top = stack.peek();
            if (top == null) {
                return;
            }
            String t = x.getText();
            if (top.timing && !isWhitespace(t)) {
                top.indefiniteChild = true; // text is an anonymous span without timing of its own
            }
            if (paragraph != null && !top.hidden) {
                paragraph.text(t, top.preserve);
            }
        }

        private void end() {
            Frame f = stack.pop();
            Frame parent = stack.peek();
            if (f.timing && parent != null) {
                Rational active = activeEnd(f, parent);
                parent.anyChild = true;
                parent.timedBelow |= f.ownTiming || f.timedBelow;
                if (active == null && !f.never) {
                    parent.indefiniteChild = true;
                } else if (active != null) {
                    parent.maxChildEnd = parent.maxChildEnd == null ? active : parent.maxChildEnd.max(active);
                }
                if (parent.seq) {
                    parent.nextSyncBase = f.never ? (f.begin == null ? null : f.begin) : active;
                }
                if (paragraph != null && f.name.equals("p") && TT.equals(x.getNamespaceURI())) {
                    paragraph(f, active);
                    paragraph = null;
                }
            }
        }

        /** The end of the element's active interval, clipped by its parent; null when indefinite. */
        private Rational activeEnd(Frame f, Frame parent) {
            if (f.never) {
                return null;
            }
            Rational active;
            if (f.explicitEnd != null) {
                active = f.explicitEnd;
            } else if (f.indefiniteChild) {
                active = null;
            } else if (f.seq) {
                active = f.nextSyncBase;
            } else {
                active = f.anyChild ? f.maxChildEnd : f.begin;
            }
            if (parent.clip != null) {
                active = active == null ? parent.clip : active.min(parent.clip);
            }
            return active;
        }

        private void paragraph(Frame f, Rational end) {
            paragraph.finish();
            String label = "p" + (paragraph.id == null ? "" : " xml:id=" + paragraph.id) + " (line "
                    + paragraph.line + ")";
            if (f.invalid) {
                return; // its own timing was reported
            }
            if (!f.timedScope && !f.timedBelow) {
                out.add(Finding.of(FindingCode.TTML_EVENT_UNTIMED, file, label,
                        "the event has no begin, end or dur, and neither has its div or body, so it is never or "
                                + "always shown"));
                return;
            }
            if (f.begin == null) {
                out.add(Finding.of(FindingCode.TTML_EVENT_UNTIMED, file, label,
                        "the event follows, in a seq time container, an element that never ends, so it never "
                                + "begins"));
                return;
            }
            if (end == null && !f.never) {
                out.add(Finding.of(FindingCode.TTML_EVENT_UNTIMED, file, label,
                        "the event begins at " + TimeExpression.format(f.begin) + " but has no end: no end or dur on "
                                + "it, its spans or the div and body around it"));
                return;
            }
            Rational begin = f.begin;
            Region region = f.region == null ? null : regions.get(f.region);
            if (!f.never && region != null) {
                begin = begin.max(region.begin());
                if (region.end() != null) {
                    end = end.min(region.end());
                }
            }
            if (f.never || !end.isGreaterThan(begin)) {
                if (paragraph.lineCount > 0) {
                    String why = f.never || region == null
                            ? "its div or body ends at or before it begins at " + TimeExpression.format(f.begin)
                            : "region " + region.id() + " is shown only from " + TimeExpression.format(region.begin())
                            + (region.end() == null ? "" : " to " + TimeExpression.format(region.end()));
                    out.add(Finding.of(FindingCode.TTML_EVENT_NEVER_SHOWN, file, label,
                            "the event is never shown: " + why));
                }
                return;
            }
            events++;
            listener.event(new Event(paragraph.id, paragraph.line, begin, end, paragraph.lines,
                    paragraph.lineCount, region != null && region.vertical()));
        }

        private void resolveReferences() {
            for (Reference r : pendingStyles) {
                if (!styleIds.contains(r.id())) {
                    out.add(Finding.of(FindingCode.TTML_STYLE_REFERENCE_INVALID, file,
                            "<" + r.element() + "> at line " + r.line(),
                            "style " + Plain.quote(r.id()) + " is referred to but no style element has that "
                                    + "xml:id"));
                }
            }
            for (Reference r : pendingRegions) {
                if (!regions.containsKey(r.id())) {
                    out.add(Finding.of(FindingCode.TTML_REGION_REFERENCE_INVALID, file,
                            "<" + r.element() + "> at line " + r.line(),
                            "region " + Plain.quote(r.id()) + " is referred to but no region element has that "
                                    + "xml:id"));
                }
            }
            if (droppedReferences > 0) {
                out.add(Finding.of(FindingCode.TTML_STYLE_REFERENCE_INVALID, file, null,
                        droppedReferences + " more style or region references could not be resolved while reading "
                                + "and were not checked"));
            }
            styleLoops();
        }

        /** Styles referring to each other in a loop, found with an explicit stack (no recursion). */
        private void styleLoops() {
            Map<String, Integer> state = new HashMap<>(); // 1 on the path, 2 done
            for (String start : styleRefs.keySet()) {
                if (state.containsKey(start)) {
                    continue;
                }
                Deque<String> path = new ArrayDeque<>();
                Deque<Integer> next = new ArrayDeque<>();
                path.push(start);
                next.push(0);
                state.put(start, 1);
                while (!path.isEmpty()) {
                    String s = path.peek();
                    int i = next.pop();
                    List<String> refs = styleRefs.getOrDefault(s, List.of());
                    if (i >= refs.size()) {
                        state.put(s, 2);
                        path.pop();
                        continue;
                    }
                    next.push(i + 1);
                    String r = refs.get(i);
                    Integer st = state.get(r);
                    if (st == null && styleIds.contains(r)) {
                        state.put(r, 1);
                        path.push(r);
                        next.push(0);
                    } else if (st != null && st == 1) {
                        out.add(Finding.of(FindingCode.TTML_STYLE_REFERENCE_INVALID, file,
                                "<style xml:id=" + s + "> at line " + styleLines.getOrDefault(s, 0),
                                "style " + Plain.quote(s) + " refers to " + Plain.quote(r)
                                        + ", which refers back to it: styles must not refer to each other in a loop"));
                    }
                }
            }
        }
    }

    static boolean isWhitespace(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** The text of the paragraph being read: lines come from br (and from line feeds under xml:space="preserve"). */
    private static final class Paragraph {
        final String id;
        final int line;
        final List<String> lines = new ArrayList<>();
        int lineCount;
        private final StringBuilder current = new StringBuilder();
        private boolean pendingSpace;

        Paragraph(String id, int line) {
            this.id = id;
            this.line = line;
        }

        void text(String t, boolean preserve) {
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c == '\n' && preserve) {
                    lineBreak();
                } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    if (preserve && c != '\r') {
                        append(' ');
                    } else {
                        pendingSpace = true;
                    }
                } else {
                    if (pendingSpace && current.length() > 0) {
                        append(' ');
                    }
                    pendingSpace = false;
                    append(c);
                }
            }
        }

        private void append(char c) {
            if (current.length() < MAX_LINE_CHARS) {
                current.append(c);
            }
        }

        void lineBreak() {
            String l = current.toString().strip();
            if (!l.isEmpty()) {
                lineCount++;
                if (lines.size() < 20) {
                    lines.add(l);
                }
            }
            current.setLength(0);
            pendingSpace = false;
        }

        void finish() {
            lineBreak();
        }
    }

}
