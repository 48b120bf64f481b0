package org.attnsim.reports.table;

import java.util.List;
import java.util.Map;

/** RFC 4180 CSV of maps that share their keys; numbers in Java's shortest round-trip form. */
public final class Csv {

    private Csv() {
    }

    public static String of(List<Map<String, Object>> rows) {
        StringBuilder sb = new StringBuilder();
        if (rows.isEmpty()) {
            return "";
        }
        sb.append(String.join(",", rows.get(0).keySet())).append('\n');
        for (Map<String, Object> row : rows) {
            boolean first = true;
            for (Object v : row.values()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                sb.append(cell(v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        String s = v.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
