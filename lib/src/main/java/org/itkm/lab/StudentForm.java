package org.itkm.lab;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.itkm.io.AtomicFiles;
import org.itkm.io.InvalidInputException;

/**
 * The student form of the lab notebooks, generated from the solution notebooks (the only copy kept):
 * every code-cell region between a line {@code // BEGIN SOLUTION} and a line {@code // END SOLUTION} becomes
 * a {@code TODO} comment and {@code throw new NotImplementedYet();} at the BEGIN line's indentation, so a
 * gap must sit inside a method body. Outputs and execution counts are dropped and the notebook's metadata
 * says {@code "itkm_lab": {"form": "student"}}. Malformed markers (an END without a BEGIN, a BEGIN not
 * closed in its cell, nesting, markers in a Markdown cell, a notebook without a gap) are errors naming the
 * notebook and cell.
 */
public final class StudentForm {
    /** Lab notebooks: {@code NN-name.ipynb}. */
    public static final Pattern NOTEBOOK = Pattern.compile("\\d\\d-.+\\.ipynb");
    public static final String BEGIN = "// BEGIN SOLUTION";
    public static final String END = "// END SOLUTION";
    /** What a gap becomes, after the indentation. */
    public static final String TODO = "// TODO: your code here (the Markdown cell above says what to compute)";
    public static final String THROW = "throw new NotImplementedYet();";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private StudentForm() {}

    /** The solution notebooks of a folder, in name order. */
    public static List<Path> notebooks(Path labsDir) throws IOException {
        if (!Files.isDirectory(labsDir)) {
            throw new InvalidInputException(labsDir + ": no such folder (expected the lab notebooks, notebooks/labs)");
        }
        try (Stream<Path> s = Files.list(labsDir)) {
            List<Path> found = s.filter(p -> NOTEBOOK.matcher(p.getFileName().toString()).matches()).sorted().toList();
            if (found.isEmpty()) {
                throw new InvalidInputException(labsDir + ": no NN-*.ipynb lab notebooks");
            }
            return found;
        }
    }

    /** Writes the student form of every lab notebook of {@code labsDir} to {@code outDir}; returns the files written. */
    public static List<Path> write(Path labsDir, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        List<Path> written = new ArrayList<>();
        for (Path nb : notebooks(labsDir)) {
            Path target = outDir.resolve(nb.getFileName());
            String json = GSON.toJson(studentNotebook(JsonParser.parseString(Files.readString(nb)).getAsJsonObject(),
                    nb.getFileName().toString())) + "\n";
            AtomicFiles.writeString(target, json);
            written.add(target);
        }
        return written;
    }

    /** The student form of one notebook (a new object; the input is not changed). */
    public static JsonObject studentNotebook(JsonObject solution, String name) {
        JsonObject nb = solution.deepCopy();
        int gaps = 0;
        JsonArray cells = nb.getAsJsonArray("cells");
        for (int c = 0; c < cells.size(); c++) {
            JsonObject cell = cells.get(c).getAsJsonObject();
            List<String> lines = sourceLines(cell);
            String where = name + ", cell " + (c + 1);
            if (!"code".equals(cell.get("cell_type").getAsString())) {
                if (lines.stream().anyMatch(l -> l.trim().equals(BEGIN) || l.trim().equals(END))) {
                    throw new InvalidInputException(where + ": solution markers in a " + cell.get("cell_type")
                            .getAsString() + " cell; only code cells may hold gaps");
                }
                continue;
            }
            List<String> out = new ArrayList<>();
            String indent = null;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String t = line.trim();
                if (t.equals(BEGIN)) {
                    if (indent != null) {
                        throw new InvalidInputException(where + ", line " + (i + 1) + ": " + BEGIN + " inside a gap");
                    }
                    indent = line.substring(0, line.indexOf('/'));
                } else if (t.equals(END)) {
                    if (indent == null) {
                        throw new InvalidInputException(where + ", line " + (i + 1) + ": " + END + " without " + BEGIN);
                    }
                    out.add(indent + TODO);
                    out.add(indent + THROW);
                    indent = null;
                    gaps++;
                } else if (indent == null) {
                    out.add(line);
                }
            }
            if (indent != null) {
                throw new InvalidInputException(where + ": " + BEGIN + " without " + END);
            }
            setSource(cell, out);
            cell.add("outputs", new JsonArray());
            cell.add("execution_count", com.google.gson.JsonNull.INSTANCE);
        }
        if (gaps == 0) {
            throw new InvalidInputException(name + ": no gap (" + BEGIN + " ... " + END + ") in any code cell");
        }
        JsonObject meta = nb.has("metadata") ? nb.getAsJsonObject("metadata") : new JsonObject();
        JsonObject lab = new JsonObject();
        lab.addProperty("form", "student");
        lab.addProperty("generatedFrom", "notebooks/labs/" + name + " by ./itkm lab student");
        meta.add("itkm_lab", lab);
        nb.add("metadata", meta);
        return nb;
    }

    /** A cell's source as lines without their line ends (source is a string or a list of strings). */
    public static List<String> sourceLines(JsonObject cell) {
        JsonElement src = cell.get("source");
        StringBuilder sb = new StringBuilder();
        if (src != null && src.isJsonArray()) {
            src.getAsJsonArray().forEach(e -> sb.append(e.getAsString()));
        } else if (src != null) {
            sb.append(src.getAsString());
        }
        return sb.toString().lines().toList();
    }

    /** Sets a cell's source in nbformat's list-of-lines form (every line but the last ends in a newline). */
    private static void setSource(JsonObject cell, List<String> lines) {
        JsonArray a = new JsonArray();
        for (int i = 0; i < lines.size(); i++) {
            a.add(new JsonPrimitive(lines.get(i) + (i < lines.size() - 1 ? "\n" : "")));
        }
        cell.add("source", a);
    }
}
