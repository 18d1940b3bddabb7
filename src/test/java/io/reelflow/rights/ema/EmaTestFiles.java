package io.reelflow.rights.ema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Spreadsheets for the import tests: well-formed EMA sheets, and hostile ones written byte by byte. */
public final class EmaTestFiles {

    private EmaTestFiles() {
    }

    /** A workbook (POI, in memory) with the template's three header rows on sheet {@code sheet}; the callback adds rows. */
    public static byte[] workbook(String sheetName, List<EmaTemplate.Column> columns, Consumer<Sheet> rows) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet(sheetName);
            Row g = sheet.createRow(0);
            Row f = sheet.createRow(1);
            Row t = sheet.createRow(2);
            for (int c = 0; c < columns.size(); c++) {
                g.createCell(c).setCellValue(columns.get(c).group());
                f.createCell(c).setCellValue(columns.get(c).field());
                t.createCell(c).setCellValue(columns.get(c).title());
            }
            rows.accept(sheet);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A workbook of old templates (1.7 and before): sheets Movies and TV. */
    public static byte[] oldTemplate() {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.createSheet("Movies").createRow(0).createCell(0).setCellValue("AvailTrans");
            wb.createSheet("TV");
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal XLSX written part by part; {@code sheetXml} writes xl/worksheets/sheet1.xml (sheet "Avails"). */
    public static byte[] rawXlsx(SheetWriter sheetXml) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            entry(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                    <Default Extension="xml" ContentType="application/xml"/>
                    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                    <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                    </Types>""");
            entry(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                    </Relationships>""");
            entry(zip, "xl/workbook.xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                    <sheets><sheet name="Avails" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            entry(zip, "xl/_rels/workbook.xml.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                    </Relationships>""");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            sheetXml.write(zip);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public interface SheetWriter {
        void write(OutputStream out) throws IOException;
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /** Sheet XML with the template's header and {@code rows} Avail rows of inline strings, each row different. */
    public static SheetWriter manyRows(int rows) {
        return out -> {
            StringBuilder sb = new StringBuilder(1 << 16);
            sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
            List<EmaTemplate.Column> cols = EmaTemplate.COLUMNS;
            for (int h = 0; h < 3; h++) {
                sb.append("<row r=\"").append(h + 1).append("\">");
                for (EmaTemplate.Column c : cols) {
                    sb.append("<c t=\"inlineStr\"><is><t>").append(h == 0 ? c.group() : h == 1 ? c.field() : c.title()).append("</t></is></c>");
                }
                sb.append("</row>");
            }
            java.util.Random random = new java.util.Random(17);
            for (int r = 0; r < rows; r++) {
                // two cells a row, one with a little randomness: compresses about 40 times, like a real sheet (not like a bomb)
                sb.append("<row r=\"").append(r + 4).append("\"><c r=\"B").append(r + 4).append("\" t=\"inlineStr\"><is><t>Licensor ")
                        .append(Integer.toHexString(random.nextInt(0x1000))).append("</t></is></c><c r=\"J").append(r + 4)
                        .append("\" t=\"inlineStr\"><is><t>DE</t></is></c></row>");
                if (sb.length() > 60_000) {
                    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                    sb.setLength(0);
                }
            }
            sb.append("</sheetData></worksheet>");
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        };
    }

    /** A sheet part that inflates from about a megabyte to {@code megabytes} MB of blanks. */
    public static SheetWriter bomb(int megabytes) {
        return out -> {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                    .getBytes(StandardCharsets.UTF_8));
            byte[] blanks = new byte[1 << 20];
            java.util.Arrays.fill(blanks, (byte) ' ');
            for (int i = 0; i < megabytes; i++) out.write(blanks);
            out.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
        };
    }
}
