package org.itkm.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.itkm.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The solution notebooks are well formed and their generated student form keeps no solution code. */
class StudentFormTest {
    /** notebooks/labs of this checkout (tests run in lib/). */
    static final Path LABS = Path.of("..", "notebooks", "labs");

    @Test
    void everyLabHasWellFormedGapsAndCheckCells() throws IOException {
        List<Path> labs = StudentForm.notebooks(LABS);
        assertEquals(6, labs.size(), labs.toString());
        for (Path p : labs) {
            JsonObject nb = read(p);
            int checks = 0;
            for (JsonElement e : nb.getAsJsonArray("cells")) {
                JsonObject cell = e.getAsJsonObject();
                if (!"code".equals(cell.get("cell_type").getAsString())) {
                    continue;
                }
                assertEquals(0, cell.getAsJsonArray("outputs").size(), p + ": commit the solutions with outputs stripped");
                assertTrue(cell.get("execution_count").isJsonNull(), p + ": execution counts stripped");
                JsonObject meta = cell.getAsJsonObject("metadata");
                if (meta.has("tags") && meta.getAsJsonArray("tags").toString().contains("\"check\"")) {
                    checks++;
                    assertTrue(String.join("\n", StudentForm.sourceLines(cell)).contains("Check"), p + ": a check cell"
                            + " runs a check");
                }
            }
            assertTrue(checks >= 1, p + ": no cell tagged 'check'");
            assertEquals("itkm", nb.getAsJsonObject("metadata").getAsJsonObject("kernelspec").get("name").getAsString());
            StudentForm.studentNotebook(nb, p.getFileName().toString()); // throws on malformed markers
        }
    }

    @Test
    void studentFormKeepsNoSolutionCode(@TempDir Path out) throws IOException {
        List<Path> written = StudentForm.write(LABS, out);
        assertEquals(6, written.size());
        for (Path student : written) {
            JsonObject solution = read(LABS.resolve(student.getFileName()));
            String text = Files.readString(student);
            assertFalse(text.contains(StudentForm.BEGIN) || text.contains(StudentForm.END), student + ": markers left");
            List<String> inside = new ArrayList<>();
            List<String> outside = new ArrayList<>();
            int gaps = 0;
            for (JsonElement e : solution.getAsJsonArray("cells")) {
                boolean in = false;
                for (String line : StudentForm.sourceLines(e.getAsJsonObject())) {
                    String t = line.trim();
                    if (t.equals(StudentForm.BEGIN)) {
                        in = true;
                        gaps++;
                    } else if (t.equals(StudentForm.END)) {
                        in = false;
                    } else {
                        (in ? inside : outside).add(t);
                    }
                }
            }
            JsonObject nb = JsonParser.parseString(text).getAsJsonObject();
            List<String> studentLines = new ArrayList<>();
            for (JsonElement e : nb.getAsJsonArray("cells")) {
                StudentForm.sourceLines(e.getAsJsonObject()).forEach(l -> studentLines.add(l.trim()));
            }
            for (String line : inside) {
                if (line.length() >= 12 && !outside.contains(line)) { // a solution line that exists nowhere else
                    assertFalse(studentLines.contains(line), student + " still holds solution code: " + line);
                }
            }
            assertEquals(gaps, studentLines.stream().filter(StudentForm.THROW::equals).count(), student + ": one throw per gap");
            assertEquals("student", nb.getAsJsonObject("metadata").getAsJsonObject("itkm_lab").get("form").getAsString());
        }
    }

    @Test
    void malformedMarkersNameNotebookAndCell() {
        assertMalformed(List.of("int f() {", "    // BEGIN SOLUTION", "    return 1;", "}"), "code", "BEGIN SOLUTION without");
        assertMalformed(List.of("int f() {", "    return 1;", "    // END SOLUTION", "}"), "code", "without // BEGIN");
        assertMalformed(List.of("// BEGIN SOLUTION", "// BEGIN SOLUTION", "// END SOLUTION"), "code", "inside a gap");
        assertMalformed(List.of("text", "// BEGIN SOLUTION", "// END SOLUTION"), "markdown", "only code cells");
        assertMalformed(List.of("int f() { return 1; }"), "code", "no gap");
    }

    @Test
    void aNotebookThatIsNotANotebookIsAnErrorNamingIt(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("01-bad.ipynb");
        Files.writeString(bad, "{\"cells\": [");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> StudentForm.read(bad));
        assertTrue(e.getMessage().startsWith(bad + ": invalid JSON") && !e.getMessage().contains("\n"), e.getMessage());
        JsonObject noType = JsonParser.parseString("{\"cells\": [{\"source\": []}]}").getAsJsonObject();
        e = assertThrows(InvalidInputException.class, () -> StudentForm.studentNotebook(noType, "99-x.ipynb"));
        assertTrue(e.getMessage().startsWith("99-x.ipynb, cell 1: no \"cell_type\""), e.getMessage());
        JsonObject noCells = JsonParser.parseString("{\"metadata\": {}}").getAsJsonObject();
        e = assertThrows(InvalidInputException.class, () -> StudentForm.studentNotebook(noCells, "99-x.ipynb"));
        assertTrue(e.getMessage().contains("no \"cells\""), e.getMessage());
    }

    @Test
    void gapBecomesTodoAndThrowAtItsIndentation() {
        JsonObject nb = notebook(List.of("int f() {", "    // BEGIN SOLUTION", "    return 1;", "    // END SOLUTION", "}"), "code");
        JsonObject student = StudentForm.studentNotebook(nb, "99-x.ipynb");
        List<String> lines = StudentForm.sourceLines(student.getAsJsonArray("cells").get(0).getAsJsonObject());
        assertEquals(List.of("int f() {", "    " + StudentForm.TODO, "    " + StudentForm.THROW, "}"), lines);
        assertTrue(StudentForm.sourceLines(nb.getAsJsonArray("cells").get(0).getAsJsonObject()).contains("    return 1;"),
                "the solution notebook object is not changed");
    }

    private static void assertMalformed(List<String> source, String type, String message) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> StudentForm.studentNotebook(notebook(source, type), "99-x.ipynb"));
        assertTrue(e.getMessage().contains("99-x.ipynb") && e.getMessage().contains(message), e.getMessage());
    }

    private static JsonObject notebook(List<String> source, String type) {
        JsonObject cell = new JsonObject();
        cell.addProperty("cell_type", type);
        cell.add("metadata", new JsonObject());
        JsonArray src = new JsonArray();
        for (int i = 0; i < source.size(); i++) {
            src.add(source.get(i) + (i < source.size() - 1 ? "\n" : ""));
        }
        cell.add("source", src);
        if (type.equals("code")) {
            cell.add("outputs", new JsonArray());
        }
        JsonArray cells = new JsonArray();
        cells.add(cell);
        JsonObject nb = new JsonObject();
        nb.add("cells", cells);
        nb.add("metadata", new JsonObject());
        return nb;
    }

    private static JsonObject read(Path p) throws IOException {
        return JsonParser.parseString(Files.readString(p)).getAsJsonObject();
    }
}
