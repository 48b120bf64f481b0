package org.attnsim.reports.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.attnsim.reports.charts.ChartSpec;
import org.attnsim.reports.charts.ReportCharts;
import org.attnsim.reports.pdf.PdfReport;
import org.attnsim.reports.table.BudgetTable;
import org.attnsim.reports.table.ComparisonTable;
import org.attnsim.reports.table.Csv;
import org.attnsim.reports.table.Json;
import org.attnsim.reports.table.MarkdownReport;
import org.attnsim.reports.table.OutputFolder;
import org.attnsim.reports.table.RowFields;
import org.attnsim.reports.table.SummaryTable;
import org.attnsim.sim.roofline.Term;
import org.attnsim.sim.scenario.Comparison;
import org.attnsim.sim.scenario.Comparisons;
import org.attnsim.sim.scenario.ResultRow;
import org.attnsim.sim.scenario.Scenario;
import org.attnsim.sim.scenario.ScenarioReader;
import org.attnsim.sim.scenario.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code attnsim run FILE.yaml}: validates a scenario, predicts every point, prints and writes the results. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a scenario YAML: print a table and write report.pdf, one PNG and one SVG per chart, "
                + "results.csv, ops.csv, results.json and report.md.")
public final class RunCommand implements Callable<Integer> {

    /** The files a run can write. */
    enum Format { pdf, png, svg, csv, json, md }

    @Parameters(index = "0", paramLabel = "FILE.yaml", description = "The scenario (schema: scenarios/README.md).")
    Path scenarioFile;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Output folder (default: out/<scenario name>/).")
    Path output;

    @Option(names = "--format", split = ",", paramLabel = "LIST",
            description = "Files to write, a comma list of: ${COMPLETION-CANDIDATES} (default: all).")
    List<Format> formats;

    @Option(names = {"-q", "--quiet"}, description = "Do not print the results table.")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Scenario s = ScenarioReader.read(scenarioFile);
        Set<Format> wanted = formats == null || formats.isEmpty() ? EnumSet.allOf(Format.class) : EnumSet.copyOf(formats);
        Path dir = output != null ? output : Path.of("out", s.name());
        boolean charts = wanted.contains(Format.pdf) || wanted.contains(Format.png) || wanted.contains(Format.svg);
        var err = spec.commandLine().getErr();

        List<ResultRow> rows;
        OutputFolder folder = new OutputFolder(dir);
        try (Progress progress = Progress.start("attnsim " + s.name(), Sweep.size(s) + (charts ? 20 : 0))) {
            rows = Sweep.run(s, progress::set);
            if (charts) {
                ReportCharts built = ReportCharts.build(s, rows);
                for (ChartSpec c : built.charts()) {
                    try {
                        if (wanted.contains(Format.png)) {
                            folder.add(c.fileName(), ReportCharts.png(c));
                        }
                        if (wanted.contains(Format.svg)) {
                            folder.add(c.svgFileName(), ReportCharts.svg(c));
                        }
                    } catch (RuntimeException e) {
                        built.fail(c, e);
                    }
                }
                progress.set(Sweep.size(s) + 10);
                if (wanted.contains(Format.pdf)) {
                    folder.add("report.pdf", PdfReport.render(s, rows, built, Version.text(), ReportDate.today()));
                }
                for (ReportCharts.Failure f : built.failures()) {
                    err.println("attnsim: warning: chart " + f.name() + " could not be drawn (" + f.reason()
                            + "); the rest of the report is written");
                }
            }
        }

        List<Comparison> published = Comparisons.of(s, rows);
        if (wanted.contains(Format.csv)) {
            folder.add("results.csv", Csv.of(flatRows(rows, s.tokenBudget())));
            folder.add("ops.csv", Csv.of(opRows(rows)));
            if (!published.isEmpty()) {
                folder.add("published.csv", Csv.of(ComparisonTable.fields(published)));
            }
        }
        if (wanted.contains(Format.json)) {
            folder.add("results.json", Json.of(document(s, rows)));
        }
        if (wanted.contains(Format.md)) {
            folder.add("report.md", MarkdownReport.of(s, rows, Version.text()));
        }
        var out = spec.commandLine().getOut();
        if (!quiet) {
            out.print(SummaryTable.of(rows).aligned());
            if (s.tokenBudget() > 0) {
                out.println();
                out.println(BudgetTable.title(s.tokenBudget()) + ":");
                out.print(BudgetTable.of(rows, s.tokenBudget()).aligned());
            }
            if (!published.isEmpty()) {
                out.println();
                out.println("Published measurements (" + s.reference().source() + "):");
                out.print(ComparisonTable.of(published).aligned());
                out.println(ComparisonTable.summary(published));
            }
        }
        for (Path p : folder.commit().values()) {
            out.println("wrote " + p);
        }
        return 0;
    }

    static List<Map<String, Object>> flatRows(List<ResultRow> rows, double tokenBudget) {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (ResultRow r : rows) {
            out.add(RowFields.of(r, tokenBudget));
        }
        return out;
    }

    static List<Map<String, Object>> opRows(List<ResultRow> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ResultRow r = rows.get(i);
            for (Map<String, Object> op : RowFields.ops(r.prediction())) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("row", i);
                m.put("hardware", r.prediction().point().hardware().id());
                m.put("phase", r.prediction().point().workload().phase().id());
                m.put("seqLen", r.prediction().point().workload().seqLen());
                m.put("batch", r.prediction().point().workload().batch());
                m.put("label", r.variant().label());
                m.put("attention", r.attentionKind());
                m.putAll(op);
                out.add(m);
            }
        }
        return out;
    }

    static Map<String, Object> document(Scenario s, List<ResultRow> rows) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("scenario", s.name());
        doc.put("description", s.description());
        doc.put("attnsimVersion", Version.text());
        Map<String, Object> terms = new LinkedHashMap<>();
        for (Term t : Term.values()) {
            terms.put(t.id(), s.terms().has(t));
        }
        doc.put("terms", terms);
        List<Map<String, Object>> hw = new ArrayList<>();
        s.hardware().forEach(h -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", h.id());
            m.put("name", h.name());
            m.put("origin", h.origin());
            hw.add(m);
        });
        doc.put("hardware", hw);
        List<Map<String, Object>> out = new ArrayList<>();
        for (ResultRow r : rows) {
            Map<String, Object> m = RowFields.of(r, s.tokenBudget());
            m.put("ops", RowFields.ops(r.prediction()));
            out.add(m);
        }
        doc.put("rows", out);
        if (s.reference() != null) {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("source", s.reference().source());
            ref.put("hardware", s.reference().hardwareId());
            ref.put("phase", s.reference().phase().id());
            ref.put("perSequence", s.reference().perSequence());
            ref.put("comparisons", ComparisonTable.fields(Comparisons.of(s, rows)));
            doc.put("published", ref);
        }
        return doc;
    }
}
