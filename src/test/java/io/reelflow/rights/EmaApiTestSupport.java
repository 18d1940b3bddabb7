package io.reelflow.rights;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.rights.ema.EmaTemplate;
import io.reelflow.support.ApiTestSupport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Real HTTP with binary bodies for the EMA Avails tests, and the exported sheet read back with POI. */
abstract class EmaApiTestSupport extends ApiTestSupport {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    record Bytes(int status, String contentType, Map<String, List<String>> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    Bytes upload(String user, String path, String contentType, byte[] body) {
        return sendBytes(user, HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(120)));
    }

    // ------------------------------------------------------------------ helpers

    Bytes download(String user, String path, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET().timeout(Duration.ofSeconds(120));
        if (accept != null) b.header("Accept", accept);
        return sendBytes(user, b);
    }

    Bytes sendBytes(String user, HttpRequest.Builder b) {
        b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        try {
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Bytes(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads an exported sheet back with POI: the rows below the three header rows, keyed by the columns' group/field. */
    static List<Map<String, String>> readXlsx(byte[] xlsx) {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getSheet(EmaTemplate.SHEET);
            assertThat(sheet).as("sheet " + EmaTemplate.SHEET).isNotNull();
            DataFormatter fmt = new DataFormatter();
            Row groups = sheet.getRow(0);
            Row fields = sheet.getRow(1);
            List<String> keys = new ArrayList<>();
            for (int c = 0; c < fields.getLastCellNum(); c++) keys.add(fmt.formatCellValue(groups.getCell(c)) + "/" + fmt.formatCellValue(fields.getCell(c)));
            assertThat(keys).containsAll(EmaTemplate.required().stream().map(EmaTemplate.Column::key).toList());
            List<Map<String, String>> rows = new ArrayList<>();
            for (int r = EmaTemplate.FIRST_DATA_ROW - 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                Map<String, String> values = new LinkedHashMap<>();
                for (int c = 0; c < keys.size(); c++) {
                    Cell cell = row.getCell(c);
                    String v = "";
                    if (cell != null && cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
                        v = cell.getLocalDateTimeCellValue().toLocalDate().toString();
                    } else if (cell != null) {
                        v = fmt.formatCellValue(cell);
                    }
                    values.put(keys.get(c), v);
                }
                rows.add(values);
            }
            return rows;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
