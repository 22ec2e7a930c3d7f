package faust.table.internal;

import java.util.List;

/** A plain-text table with a title and box-drawing borders, as Faust's {@code as_ansitable} prints. */
final class TextTable {
    private TextTable() {}

    /**
     * @param title printed above the table
     * @param header the column names
     * @param rows the cells, as many per row as there are columns
     * @return the table, lines ending with a newline
     */
    static String render(String title, String[] header, List<String[]> rows) {
        int[] width = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            width[c] = header[c].length();
            for (String[] r : rows) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder out = new StringBuilder(title).append('\n');
        line(out, width, '┌', '┬', '┐');
        row(out, width, header);
        line(out, width, '├', '┼', '┤');
        for (String[] r : rows) {
            row(out, width, r);
        }
        line(out, width, '└', '┴', '┘');
        return out.toString();
    }

    private static void line(StringBuilder out, int[] width, char left, char mid, char right) {
        out.append(left);
        for (int c = 0; c < width.length; c++) {
            out.append("─".repeat(width[c] + 2)).append(c == width.length - 1 ? right : mid);
        }
        out.append('\n');
    }

    private static void row(StringBuilder out, int[] width, String[] cells) {
        out.append('│');
        for (int c = 0; c < width.length; c++) {
            out.append(' ').append(cells[c]).append(" ".repeat(width[c] - cells[c].length() + 1)).append('│');
        }
        out.append('\n');
    }
}
