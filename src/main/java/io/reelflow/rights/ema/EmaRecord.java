package io.reelflow.rights.ema;

import io.reelflow.rights.ema.EmaTemplate.Column;
import java.time.LocalDate;
import java.util.Map;

/**
 * One Avail as read from a file, before any rule: the text of each EMA column it has, the day of each date cell, and where
 * each came from ({@code Avails!J5} in a sheet, an XPath such as {@code /AvailList/Avail[3]/Transaction[1]/Territory[1]} in XML),
 * so that a problem names the sheet, row and column (or the path) it concerns.
 *
 * @param where  the row ({@code Avails!row 5}) or the Avail's path
 * @param text   each column's text, stripped; absent or blank when empty
 * @param dates  the day of a column whose cell is a date (XLSX date cells, XML dateTimes)
 * @param at     where each column's value is
 */
public record EmaRecord(String where, Map<Column, String> text, Map<Column, LocalDate> dates, Map<Column, String> at) {

    public String text(Column c) {
        String s = text.get(c);
        return s == null || s.isBlank() ? null : s.strip();
    }

    public String at(Column c) {
        String a = at.get(c);
        return a != null ? a : where;
    }
}
