package org.attnsim.reports.charts;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import org.attnsim.hwmodels.Quantity;

/** Axis labels with SI prefixes: 1e12 with unit "FLOP/s" becomes "1 TFLOP/s". */
final class SiFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;

    private final String unit;

    SiFormat(String unit) {
        this.unit = unit;
    }

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
        String text = unit.equals("s") ? Quantity.formatSeconds(number) : Quantity.format(number, unit);
        return toAppendTo.append(text.replace(".00 ", " ").replace(".0 ", " "));
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
        return format((double) number, toAppendTo, pos);
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
        throw new UnsupportedOperationException("labels only");
    }
}
