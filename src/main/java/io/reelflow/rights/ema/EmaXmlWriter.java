package io.reelflow.rights.ema;

import java.io.OutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes EMA Avails rows as an {@code AvailList} of the Avails 2.6 XML schema, streamed with StAX: one {@code Avail} per row,
 * each with one {@code Asset} and one {@code Transaction}. Windows are whole days: Start at the first day's 00:00:00, End at the
 * last day's 23:59:59; an evergreen window ends with {@code <EndCondition>Open</EndCondition>}.
 */
public final class EmaXmlWriter {

    private static final String MDMEC_NS = "http://www.movielabs.com/schema/mdmec/v2.10";

    private EmaXmlWriter() {
    }

    public static void write(Iterable<EmaAvail> rows, OutputStream out) throws XMLStreamException {
        XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        w.setPrefix("avails", EmaTemplate.XML_NS);
        w.setPrefix("md", EmaTemplate.MD_NS);
        w.writeStartElement("avails", "AvailList", EmaTemplate.XML_NS);
        w.writeNamespace("avails", EmaTemplate.XML_NS);
        w.writeNamespace("md", EmaTemplate.MD_NS);
        w.writeNamespace("mdmec", MDMEC_NS);
        int n = 0;
        for (EmaAvail a : rows) {
            n++;
            w.writeCharacters("\n");
            w.writeStartElement(EmaTemplate.XML_NS, "Avail");
            element(w, "ALID", a.alid());
            w.writeStartElement(EmaTemplate.XML_NS, "Disposition");
            element(w, "EntryType", a.entryType());
            w.writeEndElement();
            w.writeStartElement(EmaTemplate.XML_NS, "Licensor");
            w.writeStartElement(EmaTemplate.MD_NS, "DisplayName");
            w.writeCharacters(a.displayName());
            w.writeEndElement();
            w.writeEndElement();
            element(w, "AvailType", a.availType());
            element(w, "ShortDescription", a.title() == null ? a.internalAlias() : a.title());
            asset(w, a);
            transaction(w, a, n);
            w.writeEndElement();
        }
        w.writeCharacters("\n");
        w.writeEndElement();
        w.writeEndDocument();
        w.flush();
        w.close();
    }

    private static void asset(XMLStreamWriter w, EmaAvail a) throws XMLStreamException {
        w.writeStartElement(EmaTemplate.XML_NS, "Asset");
        w.writeAttribute("contentID", EmaTemplate.contentIdXml(a.contentId()));
        element(w, "WorkType", a.workType());
        if ("Series".equals(a.workType())) {
            w.writeStartElement(EmaTemplate.XML_NS, "SeriesMetadata");
            element(w, "SeriesContentID", EmaTemplate.contentIdXml(a.contentId()));
            if (a.title() != null) element(w, "SeriesTitleDisplayUnlimited", a.title());
            element(w, "SeriesTitleInternalAlias", a.internalAlias());
        } else {
            w.writeStartElement(EmaTemplate.XML_NS, "Metadata");
            if (a.title() != null) element(w, "TitleDisplayUnlimited", a.title());
            element(w, "TitleInternalAlias", a.internalAlias());
            EmaTemplate.eidr(a.contentId()).ifPresent(e -> {
                try {
                    element(w, "TitleEIDR-URN", "urn:eidr:" + e.replace('/', ':'));
                } catch (XMLStreamException x) {
                    throw new IllegalStateException(x);
                }
            });
        }
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void transaction(XMLStreamWriter w, EmaAvail a, int n) throws XMLStreamException {
        w.writeStartElement(EmaTemplate.XML_NS, "Transaction");
        if (a.licensee() != null) {
            w.writeStartElement(EmaTemplate.XML_NS, "Licensee");
            w.writeStartElement(EmaTemplate.MD_NS, "DisplayName");
            w.writeCharacters(a.licensee());
            w.writeEndElement();
            w.writeEndElement();
        }
        element(w, "LicenseType", a.licenseType());
        w.writeStartElement(EmaTemplate.XML_NS, "Territory");
        w.writeStartElement(EmaTemplate.MD_NS, "country");
        w.writeCharacters(a.territory());
        w.writeEndElement();
        w.writeEndElement();
        element(w, "Start", a.start() + "T00:00:00");
        if (a.end() == null) element(w, "EndCondition", "Open");
        else element(w, "End", a.end() + "T23:59:59");
        for (String lang : a.allowedLanguages()) element(w, "AllowedLanguage", lang);
        element(w, "FormatProfile", "HD");
        if (a.contractId() != null) element(w, "ContractID", a.contractId());
        term(w, "Exclusive", "Boolean", Boolean.toString(a.exclusive()));
        if (a.exclusiveAttributes() != null) term(w, "ExclusiveAttributes", "Text", a.exclusiveAttributes());
        w.writeEndElement();
    }

    private static void term(XMLStreamWriter w, String name, String kind, String value) throws XMLStreamException {
        w.writeStartElement(EmaTemplate.XML_NS, "Term");
        w.writeAttribute("termName", name);
        element(w, kind, value);
        w.writeEndElement();
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(EmaTemplate.XML_NS, name);
        w.writeCharacters(text);
        w.writeEndElement();
    }
}
