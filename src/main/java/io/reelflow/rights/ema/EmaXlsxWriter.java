package io.reelflow.rights.ema;

import io.reelflow.rights.ema.EmaTemplate.Column;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes EMA Avails rows as an XLSX of template 1.9, streamed: POI's SXSSF keeps only a window of rows in memory
 * and the sheet in a compressed temporary file, so the heap does not grow with the row count.
 */
public final class EmaXlsxWriter {

    private static final int WINDOW = 200;

    private EmaXlsxWriter() {
    }

    public static void write(Iterable<EmaAvail> rows, OutputStream out) throws IOException {
        SXSSFWorkbook wb = new SXSSFWorkbook(WINDOW);
        // temporary sheet files uncompressed: on two cores gzip costs more than the disk (~1 KB a row)
        try {
            Sheet sheet = wb.createSheet(EmaTemplate.SHEET);
            Font bold = wb.createFont();
            bold.setBold(true);
            CellStyle header = wb.createCellStyle();
            header.setFont(bold);
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            List<Column> cols = EmaTemplate.COLUMNS;
            Row groups = sheet.createRow(0);
            Row fields = sheet.createRow(1);
            Row titles = sheet.createRow(2);
            for (int c = 0; c < cols.size(); c++) {
                text(groups, c, cols.get(c).group()).setCellStyle(header);
                text(fields, c, cols.get(c).field()).setCellStyle(header);
                text(titles, c, cols.get(c).title()).setCellStyle(header);
                sheet.setColumnWidth(c, 20 * 256);
            }
            sheet.createFreezePane(0, 3);
            int r = EmaTemplate.FIRST_DATA_ROW - 1;
            for (EmaAvail a : rows) {
                Row row = sheet.createRow(r++);
                int c = 0;
                text(row, c++, a.entryType());
                text(row, c++, a.displayName());
                text(row, c++, a.licensee());
                text(row, c++, a.alid());
                text(row, c++, null);
                text(row, c++, a.workType());
                text(row, c++, a.contentId());
                text(row, c++, a.title());
                text(row, c++, a.internalAlias());
                text(row, c++, a.territory());
                text(row, c++, a.licenseType());
                date(row, c++, a.start(), date);
                if (a.end() == null) text(row, c++, "Open");
                else date(row, c++, a.end(), date);
                text(row, c++, a.exclusive() ? "Yes" : "No");
                text(row, c++, a.exclusiveAttributes());
                text(row, c++, a.allowedLanguages().isEmpty() ? null : String.join(",", a.allowedLanguages()));
                text(row, c++, a.contractId());
            }
            wb.write(out);
        } finally {
            wb.close(); // also removes the temporary files
        }
    }

    /** A text cell; none for an empty value (an empty cell is absent in the sheet). */
    private static Cell text(Row row, int col, String value) {
        if (value == null) return null;
        Cell cell = row.createCell(col);
        cell.setCellValue(value);
        return cell;
    }

    private static void date(Row row, int col, LocalDate value, CellStyle style) {
        Cell cell = row.createCell(col);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }
}
