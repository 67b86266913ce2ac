package org.itkm.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.itkm.config.RunConfig;
import org.itkm.data.Group;
import org.itkm.data.Sample;
import org.itkm.data.Scenario;
import org.itkm.io.FloatMatrix;
import org.itkm.io.InvalidInputException;
import org.itkm.train.TextRepresentations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a run's text representations by unit, majority traits, and Fig. 6's judged positive sets. */
class RunArtefactsTest {
    @TempDir
    Path dir;

    private Path run(List<String> setting, int[] clusters) throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("config.yaml"), RunConfig.load("smoke", null, setting).tree().toYaml());
        int[] offsets = new int[clusters.length];
        int total = 0;
        for (int u = 0; u < clusters.length; u++) {
            offsets[u] = total;
            total += clusters[u];
        }
        new TextRepresentations(new FloatMatrix(total, 2, new float[2 * total]), offsets, clusters)
                .save(Files.createDirectories(run.resolve("text-representations")));
        return run;
    }

    @Test
    void rowsAreLabelledWithTheirUnitInTrainingUnitOrder() throws Exception {
        RunTextRepresentations t = RunTextRepresentations.read(run(List.of("training.mode=M"), new int[] {2, 1, 0, 1,
            1, 2}));
        assertEquals(7, t.rows());
        assertArrayEquals(new String[] {"VI-A", "VI-A", "VI-B", "CC-B", "CR-A", "CR-B", "CR-B"}, t.unitOfRows());
        assertArrayEquals(new String[] {"VI", "VI", "VI", "CC", "CR", "CR", "CR"}, t.scenarioOfRows());
    }

    @Test
    void checkpointsAreFoundByTheNewestEpochOfEachStage() throws Exception {
        Path run = run(List.of("training.mode=M"), new int[] {1, 1, 1, 1, 1, 1});
        assertEquals(true, RunTextRepresentations.present(run));
        assertEquals(false, RunTextRepresentations.present(dir));
        assertEquals(false, RunTextRepresentations.hasCheckpoints(run));
        Files.createDirectories(run.resolve("checkpoints/stage1-e0001"));
        Files.writeString(run.resolve("checkpoints/stage1-e0001/labels.txt"), "0\n");
        Files.createDirectories(run.resolve("checkpoints/stage1-e0000"));
        Files.createDirectories(run.resolve("checkpoints/stage3-e0001"));
        assertEquals(false, RunTextRepresentations.hasCheckpoints(run));
        Files.writeString(run.resolve("checkpoints/stage3-e0001/vision.params"), "");
        assertEquals(true, RunTextRepresentations.hasCheckpoints(run));
        assertEquals(run.resolve("checkpoints/stage1-e0001"), RunTextRepresentations.lastCheckpoint(run, "stage1"));
    }

    @Test
    void aSingleScenarioRunHasTwoUnitsAndAMismatchIsAnError() throws Exception {
        assertArrayEquals(new String[] {"CC-A", "CC-B", "CC-B"}, RunTextRepresentations.read(
                run(List.of("training.mode=S", "training.scenario=CC"), new int[] {1, 2})).unitOfRows());
        assertThrows(InvalidInputException.class, () -> RunTextRepresentations.read(
                run(List.of("training.mode=S", "training.scenario=CC"), new int[] {1, 2, 3})));
    }

    @Test
    void majorityTakesTheCommonestValueAndBreaksTiesByName() {
        Sample a = sample("a", 1);
        Sample b = sample("b", 1);
        Sample c = sample("c", 2);
        java.util.Map<Sample, String> trait = java.util.Map.of(a, "long", b, "short", c, "short");
        assertArrayEquals(new String[] {"short", "long", "-"}, RunTextRepresentations.majority(
                List.of(List.of(a, b, c), List.of(b, a), List.of()), trait::get));
    }

    @Test
    void cosineWithinAndAcrossLabels() {
        FloatMatrix x = new FloatMatrix(3, 2, new float[] {1, 0, 2, 0, 0, 3});
        double[] wa = RunTextRepresentations.withinAndAcrossCosine(x, new String[] {"VI", "VI", "CC"});
        assertArrayEquals(new double[] {1, 0}, wa, 1e-12);
    }

    @Test
    void rankListsOrderByCosineAndSkipTheQuerysOwnCamera() {
        Sample q = new Sample(dir.resolve("q.png"), Scenario.VI, Group.A, 1, 7, Sample.NO_CLOTHES);
        List<Sample> g = List.of(new Sample(dir.resolve("g0.png"), Scenario.VI, Group.A, 1, 7, Sample.NO_CLOTHES),
                new Sample(dir.resolve("g1.png"), Scenario.VI, Group.A, 2, 8, Sample.NO_CLOTHES),
                new Sample(dir.resolve("g2.png"), Scenario.VI, Group.A, 3, 7, Sample.NO_CLOTHES),
                new Sample(dir.resolve("g3.png"), Scenario.VI, Group.A, 2, 9, Sample.NO_CLOTHES));
        FloatMatrix fq = new FloatMatrix(1, 2, new float[] {1, 0});
        // g0 is identical but same pid + camera (left out); g1 closest of the rest, then g2, then g3
        FloatMatrix fg = new FloatMatrix(4, 2, new float[] {1, 0, 0.9f, 0.1f, 0.5f, 0.5f, -1, 0});
        List<ImageGrid.Row> rows = RankLists.rows(List.of(q), fq, g, fg, 2);
        assertEquals(List.of(dir.resolve("q.png"), dir.resolve("g1.png"), dir.resolve("g2.png")),
                rows.get(0).tiles().stream().map(ImageGrid.Tile::image).toList());
        assertEquals(List.of(ImageGrid.Mark.ANCHOR, ImageGrid.Mark.WRONG, ImageGrid.Mark.CORRECT),
                rows.get(0).tiles().stream().map(ImageGrid.Tile::mark).toList());
    }

    private Sample sample(String name, int pid) {
        return new Sample(dir.resolve(name + ".png"), Scenario.VI, Group.A, 1, pid, Sample.NO_CLOTHES);
    }

    @Test
    void positiveSetsAreJudgedByIdentityAndResolvedAgainstHome() throws Exception {
        Path run = Files.createDirectories(dir.resolve("r"));
        Files.writeString(run.resolve("instance-positives-VI.tsv"), "anchor\tpositives\n"
                + "img/b1.png\timg/a1.png|img/a2.png|img/a3.png\n"
                + "img/b2.png\t\n"
                + dir.resolve("img/b3.png") + "\timg/a3.png\n");
        List<Sample> truth = List.of(sample("img/b1", 1), sample("img/b2", 2), sample("img/b3", 3),
                sample("img/a1", 1), sample("img/a2", 2), sample("img/a3", 3));
        PositiveSetGrid g = PositiveSetGrid.read(run, "VI", dir, truth);
        assertEquals(3, g.anchors().size());
        assertEquals(List.of(dir.resolve("img/b1.png"), dir.resolve("img/b3.png")), g.anchorsWithPositives(5));
        assertEquals(2 / 4.0, g.precision(), 1e-12);
        assertEquals(4 / 3.0, g.meanSetSize(), 1e-12);
        // recorded on another machine: absolute paths elsewhere are found by their trailing names
        Files.writeString(run.resolve("instance-positives-CR.tsv"), "anchor\tpositives\n"
                + "/elsewhere/checkout/img/b1.png\t/elsewhere/checkout/img/a1.png|/elsewhere/checkout/img/a2.png\n");
        PositiveSetGrid moved = PositiveSetGrid.read(run, "CR", dir, truth);
        assertEquals(List.of(dir.resolve("img/b1.png")), moved.anchors());
        assertEquals(0.5, moved.precision(), 1e-12);
        Map<String, PositiveSetGrid> methods = new LinkedHashMap<>();
        methods.put("IHM", g);
        methods.put("moved", moved);
        ResultTable fig6 = PositiveSetGrid.precisionTable(methods);
        assertEquals(List.of("IHM", "3", "1.3", "50.0"), List.of(fig6.cell(0, 0), fig6.cell(0, 1), fig6.cell(0, 2),
                fig6.cell(0, 3)));
        assertEquals("50.0", fig6.cell(1, 3));
        List<ImageGrid.Row> rows = g.rows("IHM", g.anchorsWithPositives(1), 2);
        assertEquals(1, rows.size());
        assertEquals(List.of(ImageGrid.Mark.ANCHOR, ImageGrid.Mark.CORRECT, ImageGrid.Mark.WRONG),
                rows.get(0).tiles().stream().map(ImageGrid.Tile::mark).toList());
    }
}
