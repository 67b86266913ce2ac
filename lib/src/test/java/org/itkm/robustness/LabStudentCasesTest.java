package org.itkm.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.itkm.io.OutputFolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code itkm lab student}: the solution notebooks are the only copy kept and are never overwritten; the kit's
 * own notebooks are found wherever the command runs; a malformed notebook is one line naming it.
 */
class LabStudentCasesTest extends RobustnessCase {
    /** A lab notebook with one gap, as nbformat 4 writes it. */
    static final String NOTEBOOK = """
            {
             "cells": [
              {"cell_type": "markdown", "metadata": {}, "source": ["# 01 · a lab\\n"]},
              {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],
               "source": ["int f() {\\n", "    // BEGIN SOLUTION\\n", "    return 42;\\n", "    // END SOLUTION\\n", "}"]}
             ],
             "metadata": {"kernelspec": {"name": "itkm"}},
             "nbformat": 4, "nbformat_minor": 5
            }
            """;
    private Path labs;

    @BeforeEach
    void labs() throws IOException {
        labs = cwd.resolve("labs");
        Files.createDirectories(labs);
        Files.writeString(labs.resolve("01-a-lab.ipynb"), NOTEBOOK);
        Files.writeString(labs.resolve("README.md"), "the solution notebooks\n");
        snapshot();
    }

    @ParameterizedTest(name = "--out {0} (labs = {1})")
    @CsvSource({
        "labs, '', ' is an input'",
        "labs/student, '', 'lies inside an input'",
        "'', labs/sub, 'holds an input'"})
    void theSolutionNotebooksAreNeverAnOutput(String out, String labsAt, String expected) throws Exception {
        Path from = labsAt.isEmpty() ? labs : cwd.resolve(labsAt);
        if (!labsAt.isEmpty()) {
            Files.createDirectories(from);
            Files.writeString(from.resolve("01-a-lab.ipynb"), NOTEBOOK);
            snapshot();
        }
        Path target = out.isEmpty() ? labs : cwd.resolve(out);
        Outcome o = run("lab", "student", "--replace", "--labs", from.toString(), "--out", target.toString());
        assertBadInput(o, "--out " + target, expected, "apart from the inputs");
        assertNothingChangedExcept();
    }

    @Test
    void theCurrentFolderIsNeverAnOutput() throws Exception {
        assertBadInput(runIn(labs, "lab", "student", "--labs", ".", "--out", "."), "--out .", "the current folder");
        assertNothingChangedExcept();
    }

    @Test
    void anEmptyOutIsRefused() throws Exception {
        assertBadInput(run("lab", "student", "--out", ""), "--out is empty");
        assertNothingChangedExcept();
    }

    @Test
    void theKitsOwnNotebooksAreFoundFromAnyFolder() throws Exception {
        Outcome o = runIn(cwd, "lab", "student", "--out", "student");
        assertSucceeded(o);
        Path student = cwd.resolve("student");
        try (Stream<Path> s = Files.list(student)) {
            assertEquals(6, s.filter(p -> p.getFileName().toString().endsWith(".ipynb")).count(), o.toString());
        }
        assertTrue(OutputFolder.madeBy(student, "lab student"));
        assertNothingChangedExcept(student);
    }

    @Test
    void itkmHomeNamesTheKitWhoseNotebooksAreUsed() throws Exception {
        Path home = cwd.resolve("kit");
        Files.createDirectories(home.resolve("notebooks"));
        Files.move(labs, home.resolve("notebooks/labs"));
        snapshot();
        Outcome o = runIn(cwd, Map.of("ITKM_HOME", home.toString()), "lab", "student", "--out", "student");
        assertSucceeded(o);
        try (Stream<Path> s = Files.list(cwd.resolve("student"))) {
            assertEquals(List.of("01-a-lab.ipynb"), s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".ipynb")).toList());
        }
        assertNothingChangedExcept(cwd.resolve("student"));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "{\"cells\": [ | invalid JSON | expected a Jupyter notebook",
        "[1, 2] | a JSON list | expected a Jupyter notebook",
        "{\"nbformat\": 4} | no \"cells\" | with a \"cells\" list",
        "{\"cells\": [{\"source\": \"x\"}]} | cell 1: no \"cell_type\" | \"markdown\" or \"raw\"",
        "{\"cells\": [{\"cell_type\": \"code\", \"source\": 7}]} | cell 1: \"source\" is a value | a list of strings",
        "{\"cells\": [\"code\"]} | cell 1: a value | expected a json object (a cell)",
        "{\"cells\": [], \"metadata\": []} | \"metadata\" is a list | expected a json object"})
    void aMalformedNotebookIsOneLineNamingIt(String json, String what, String expected) throws Exception {
        Files.writeString(labs.resolve("02-broken.ipynb"), json);
        snapshot();
        Path out = cwd.resolve("student");
        Outcome o = run("lab", "student", "--labs", labs.toString(), "--out", out.toString());
        assertBadInput(o, "02-broken.ipynb", what, expected);
        assertNothingChangedExcept();
    }

    @Test
    void anEarlierOutputIsReplacedOnlyWithReplace() throws Exception {
        Path out = cwd.resolve("student");
        assertSucceeded(run("lab", "student", "--labs", labs.toString(), "--out", out.toString()));
        snapshot();
        assertBadInput(run("lab", "student", "--labs", labs.toString(), "--out", out.toString()),
                "earlier output of itkm lab student", "--replace");
        assertNothingChangedExcept();
        Files.writeString(labs.resolve("02-another.ipynb"), NOTEBOOK);
        assertSucceeded(run("lab", "student", "--replace", "--labs", labs.toString(), "--out", out.toString()));
        assertTrue(Files.isRegularFile(out.resolve("02-another.ipynb")));
        assertTrue(Files.readString(out.resolve("01-a-lab.ipynb")).contains("NotImplementedYet"));
    }

    @Test
    void aFolderOfTheUserIsNeverReplaced() throws Exception {
        Path mine = cwd.resolve("keep");
        Outcome o = run("lab", "student", "--replace", "--labs", labs.toString(), "--out", mine.toString());
        assertBadInput(o, "--out " + mine, "was not made by itkm lab student");
        assertNothingChangedExcept();
    }

    @Test
    void missingLabsNameTheOptionAndWhatWasExpected() throws Exception {
        Path none = cwd.resolve("no-labs");
        Outcome o = run("lab", "student", "--labs", none.toString(), "--out", cwd.resolve("student").toString());
        assertBadInput(o, none.toString(), "no such folder", "--labs");
        assertNothingChangedExcept();
    }
}
