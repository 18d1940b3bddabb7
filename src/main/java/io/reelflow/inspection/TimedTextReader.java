package io.reelflow.inspection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Streams a TTML file with StAX (secure factory), keeping line numbers for the findings. */
final class TimedTextReader {

    static final String TT = "http://www.w3.org/ns/ttml";
    static final String TTS = "http://www.w3.org/ns/ttml#styling";

    private TimedTextReader() {
    }

    static TimedTextDocument read(Path file) throws XmlProblem {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader x = SecureXml.inputFactory().createXMLStreamReader(in);
            try {
                return read(x);
            } finally {
                x.close();
            }
        } catch (XMLStreamException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (message.contains("DOCTYPE") || message.contains("DTD")) {
                throw new XmlProblem(FindingCode.XML_DOCTYPE_FORBIDDEN,
                        "the document declares a DOCTYPE; DTDs are refused to prevent XML external entity attacks",
                        e);
            }
            throw new XmlProblem(FindingCode.XML_MALFORMED, "not well-formed XML: " + message, e);
        } catch (IOException e) {
            throw new XmlProblem(FindingCode.XML_MALFORMED, "cannot read " + file.getFileName() + ": " + e, e);
        }
    }

    private static TimedTextDocument read(XMLStreamReader x) throws XMLStreamException {
        String rootNamespace = null;
        String rootName = null;
        String language = null;
        Map<String, String> timing = new LinkedHashMap<>();
        List<TimedTextDocument.Paragraph> paragraphs = new ArrayList<>();
        List<TimedTextDocument.IdAt> duplicates = new ArrayList<>();
        Set<String> ids = new HashSet<>();

        Deque<Frame> stack = new ArrayDeque<>();
        ParagraphBuilder p = null;
        while (x.hasNext()) {
            int event = x.next();
            if (event == XMLStreamConstants.DTD) {
                throw new XMLStreamException("DOCTYPE declarations are refused");
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                String ns = x.getNamespaceURI();
                String name = x.getLocalName();
                int line = x.getLocation().getLineNumber();
                if (rootName == null) {
                    rootNamespace = ns;
                    rootName = name;
                    language = x.getAttributeValue(XMLConstants.XML_NS_URI, "lang");
                    for (int i = 0; i < x.getAttributeCount(); i++) {
                        if (TimingParameters.TTP.equals(x.getAttributeNamespace(i))) {
                            timing.put(x.getAttributeLocalName(i), x.getAttributeValue(i));
                        }
                    }
                }
                String id = x.getAttributeValue(XMLConstants.XML_NS_URI, "id");
                if (id != null && !ids.add(id)) {
                    duplicates.add(new TimedTextDocument.IdAt(id, line));
                }
                String ruby = x.getAttributeValue(TTS, "ruby");
                boolean parentHidden = !stack.isEmpty() && stack.peek().hidden;
                // Ruby annotations (IMSC 1.1, used for Japanese) are not read as part of the line.
                boolean hidden = parentHidden || "text".equals(ruby) || "textContainer".equals(ruby)
                        || "delimiter".equals(ruby);
                boolean inTt = TT.equals(ns);
                stack.push(new Frame(name, inTt && ("body".equals(name) || "div".equals(name))
                        ? x.getAttributeValue(null, "begin") : null, hidden));
                if (inTt && "p".equals(name) && p == null) {
                    List<String> ancestorBegins = new ArrayList<>();
                    stack.descendingIterator().forEachRemaining(f -> {
                        if (f.begin != null) {
                            ancestorBegins.add(f.begin);
                        }
                    });
                    p = new ParagraphBuilder(id, line, x.getAttributeValue(null, "begin"),
                            x.getAttributeValue(null, "end"), x.getAttributeValue(null, "dur"), ancestorBegins);
                } else if (inTt && "br".equals(name) && p != null && !hidden) {
                    p.text.append('\n');
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                Frame f = stack.pop();
                if (p != null && "p".equals(f.name) && TT.equals(x.getNamespaceURI())) {
                    paragraphs.add(p.build());
                    p = null;
                }
            } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) && p != null && !stack.isEmpty() && !stack.peek().hidden) {
                p.text.append(x.getText());
            }
        }
        return new TimedTextDocument(rootNamespace, rootName, language, timing, paragraphs, duplicates);
    }

    private record Frame(String name, String begin, boolean hidden) {
    }

    private static final class ParagraphBuilder {
        final String id;
        final int line;
        final String begin;
        final String end;
        final String dur;
        final List<String> ancestorBegins;
        final StringBuilder text = new StringBuilder();

        ParagraphBuilder(String id, int line, String begin, String end, String dur, List<String> ancestorBegins) {
            this.id = id;
            this.line = line;
            this.begin = begin;
            this.end = end;
            this.dur = dur;
            this.ancestorBegins = ancestorBegins;
        }

        TimedTextDocument.Paragraph build() {
            List<String> lines = new ArrayList<>();
            for (String raw : text.toString().split("\n", -1)) {
                String line = raw.replaceAll("\\s+", " ").strip();
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
            return new TimedTextDocument.Paragraph(id, line, begin, end, dur, List.copyOf(ancestorBegins),
                    List.copyOf(lines));
        }
    }
}
