package fi.mentoringledger.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The figures of a run: the printed table and the JSON file. */
final class Report {

    /**
     * One line of the table. {@code baseline} and {@code ratio} only where the figure has a
     * PostgreSQL baseline; {@code met} null where the figure has no target or was not measured.
     */
    record Figure(String name, Double value, String unit, String display, Double baseline, Double ratio, String target,
            Boolean met) {

        static Figure of(String name, Double value, String unit, Double baseline, Double ratio, String target, Boolean met) {
            return new Figure(name, value, unit, null, baseline, ratio, target, met);
        }

        static Figure info(String name, Double value, String unit) {
            return new Figure(name, value, unit, null, null, null, null, null);
        }

        /** Several values on one line, such as a latency's percentiles. */
        static Figure text(String name, String display) {
            return new Figure(name, null, null, display, null, null, null, null);
        }
    }

    final ObjectNode json = JsonNodeFactory.instance.objectNode();
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    ObjectNode section(String name) {
        return json.withObjectProperty(name);
    }

    void figure(Figure figure) {
        figures.add(figure);
    }

    void note(String note) {
        notes.add(note);
    }

    List<Figure> figures() {
        return List.copyOf(figures);
    }

    void write(Path file) throws IOException {
        ArrayNode table = json.putArray("figures");
        for (Figure figure : figures) {
            ObjectNode row = table.addObject();
            row.put("name", figure.name());
            putNumber(row, "value", figure.value());
            row.put("unit", figure.unit());
            if (figure.display() != null) {
                row.put("display", figure.display());
            }
            putNumber(row, "baseline", figure.baseline());
            putNumber(row, "ratio", figure.ratio());
            row.put("target", figure.target());
            if (figure.met() == null) {
                row.putNull("met");
            } else {
                row.put("met", figure.met());
            }
        }
        ArrayNode noteArray = json.putArray("notes");
        notes.forEach(noteArray::add);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Http.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }

    void print(PrintStream out) {
        String format = "%-58s %22s %12s %8s  %-26s %s%n";
        out.printf(format, "figure", "measured", "baseline", "ratio", "target", "met");
        out.println("-".repeat(136));
        for (Figure figure : figures) {
            out.printf(Locale.ROOT, format, figure.name(),
                    figure.display() != null ? figure.display()
                            : figure.value() == null ? "n/a" : number(figure.value()) + " " + figure.unit(),
                    figure.baseline() == null ? "" : number(figure.baseline()),
                    figure.ratio() == null ? "" : String.format(Locale.ROOT, "%.1f%%", figure.ratio() * 100),
                    figure.target() == null ? "" : figure.target(),
                    figure.met() == null ? (figure.target() == null ? "" : "n/a") : figure.met() ? "yes" : "NO");
        }
        long judged = figures.stream().filter(f -> f.met() != null).count();
        long met = figures.stream().filter(f -> Boolean.TRUE.equals(f.met())).count();
        long targets = figures.stream().filter(f -> f.target() != null && f.display() == null).count();
        out.printf(Locale.ROOT, "targets met: %d of %d judged (%d targets)%n", met, judged, targets);
        for (String note : notes) {
            out.println("note: " + note);
        }
    }

    private static String number(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }

    private static void putNumber(ObjectNode node, String field, Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
