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
import org.itkm.io.OutputFolder;

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

    /** The command whose outputs student folders are ({@link OutputFolder}'s marker). */
    public static final String COMMAND = "lab student";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private StudentForm() {}

    /** The solution notebooks of a folder, in name order. */
    public static List<Path> notebooks(Path labsDir) throws IOException {
        if (!Files.isDirectory(labsDir)) {
            throw new InvalidInputException(labsDir + ": " + (Files.exists(labsDir) ? "not a folder" : "no such folder")
                    + "; expected the folder of the solution lab notebooks (--labs; the kit's own: notebooks/labs)");
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
            String json = GSON.toJson(studentNotebook(read(nb), nb.getFileName().toString())) + "\n";
            AtomicFiles.writeString(target, json);
            written.add(target);
        }
        return written;
    }

    /**
     * Writes the student form of every lab notebook of {@code labsDir} as the folder {@code outDir}, the kit's
     * own ({@link OutputFolder}: written whole beside it, then moved into place; never one of the solution
     * notebooks' folders; an existing {@code outDir} replaced only when it is an earlier output of
     * {@value #COMMAND} and {@code replace} is set). Returns the files in their final place.
     */
    public static List<Path> writeFolder(Path labsDir, Path outDir, boolean replace) throws IOException {
        OutputFolder.check(COMMAND, outDir, replace, "--out", List.of(labsDir));
        List<Path> notebooks = notebooks(labsDir);
        try (OutputFolder out = OutputFolder.prepare(COMMAND, outDir, replace, "--out", List.of(labsDir))) {
            List<Path> names = new ArrayList<>();
            for (Path nb : write(labsDir, out.staging())) {
                names.add(nb.getFileName());
            }
            if (names.size() != notebooks.size()) {
                throw new IllegalStateException("wrote " + names.size() + " of " + notebooks.size() + " notebooks");
            }
            Path done = out.commit();
            return names.stream().map(done::resolve).toList();
        }
    }

    /**
     * A lab notebook's JSON: an {@link InvalidInputException} naming the notebook and what was expected when it
     * is not UTF-8 JSON text holding an object.
     */
    public static JsonObject read(Path notebook) throws IOException {
        String text;
        try {
            text = Files.readString(notebook);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidInputException(notebook + ": not UTF-8 text; expected a Jupyter notebook (JSON)");
        }
        JsonElement json;
        try {
            json = JsonParser.parseString(text);
        } catch (com.google.gson.JsonParseException e) {
            Throwable why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
            String detail = String.valueOf(why.getMessage()).lines().findFirst().orElse("")
                    .replaceAll("\\s*See https?://\\S+", "").trim();
            throw new InvalidInputException(notebook + ": invalid JSON (" + detail + "); expected a Jupyter notebook");
        }
        if (!json.isJsonObject()) {
            throw new InvalidInputException(notebook + ": " + (json.isJsonNull() ? "empty" : "a JSON " + kind(json))
                    + "; expected a Jupyter notebook (a JSON object with a \"cells\" list)");
        }
        return json.getAsJsonObject();
    }

    private static String kind(JsonElement e) {
        return e.isJsonArray() ? "list" : e.isJsonPrimitive() ? "value" : e.isJsonNull() ? "null" : "object";
    }

    /** The student form of one notebook (a new object; the input is not changed). */
    public static JsonObject studentNotebook(JsonObject solution, String name) {
        JsonObject nb = solution.deepCopy();
        int gaps = 0;
        if (!nb.has("cells") || !nb.get("cells").isJsonArray()) {
            throw new InvalidInputException(name + ": " + (nb.has("cells") ? "\"cells\" is a " + kind(nb.get("cells"))
                    : "no \"cells\"") + "; expected a Jupyter notebook (nbformat 4) with a \"cells\" list");
        }
        if (nb.has("metadata") && !nb.get("metadata").isJsonObject()) {
            throw new InvalidInputException(name + ": \"metadata\" is a " + kind(nb.get("metadata"))
                    + "; expected a JSON object");
        }
        JsonArray cells = nb.getAsJsonArray("cells");
        for (int c = 0; c < cells.size(); c++) {
            String where = name + ", cell " + (c + 1);
            if (!cells.get(c).isJsonObject()) {
                throw new InvalidInputException(where + ": a " + kind(cells.get(c)) + "; expected a JSON object (a cell)");
            }
            JsonObject cell = cells.get(c).getAsJsonObject();
            JsonElement type = cell.get("cell_type");
            if (type == null || !type.isJsonPrimitive() || !type.getAsJsonPrimitive().isString()) {
                throw new InvalidInputException(where + ": " + (type == null ? "no \"cell_type\"" : "\"cell_type\" is not"
                        + " a string") + "; expected \"cell_type\": \"code\", \"markdown\" or \"raw\"");
            }
            List<String> lines = sourceLines(cell, where);
            if (!"code".equals(type.getAsString())) {
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
        return sourceLines(cell, "a cell");
    }

    private static List<String> sourceLines(JsonObject cell, String where) {
        JsonElement src = cell.get("source");
        StringBuilder sb = new StringBuilder();
        if (src != null && src.isJsonArray()) {
            for (JsonElement e : src.getAsJsonArray()) {
                if (!isString(e)) {
                    throw new InvalidInputException(where + ": \"source\" holds a " + kind(e) + "; expected a string"
                            + " or a list of strings");
                }
                sb.append(e.getAsString());
            }
        } else if (src != null && !src.isJsonNull()) {
            if (!isString(src)) {
                throw new InvalidInputException(where + ": \"source\" is a " + kind(src) + "; expected a string or a"
                        + " list of strings");
            }
            sb.append(src.getAsString());
        }
        return sb.toString().lines().toList();
    }

    private static boolean isString(JsonElement e) {
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
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
