package org.itkm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.itkm.config.RunConfig;
import org.itkm.data.DatasetFingerprint;
import org.itkm.data.DatasetLocator;
import org.itkm.data.GroundTruth;
import org.itkm.data.ReadOptions;
import org.itkm.data.ReidDataset;
import org.itkm.data.Sample;
import org.itkm.data.ValidationSplit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's data with eval.split=val and =test, on SynthUMS tiny. */
class ValidationTrainingDataTest {
    @TempDir
    static Path dir;
    private static Path synth;

    @BeforeAll
    static void synth() {
        synth = TinyTrainingInputs.synth(dir.resolve("synth"));
    }

    private static RunConfig config(String... overrides) {
        List<String> all = new java.util.ArrayList<>(List.of("data.synthRoot=" + synth));
        all.addAll(List.of(overrides));
        return RunConfig.load("smoke", null, all).config();
    }

    private static Set<Integer> pids(List<Sample> samples) {
        Set<Integer> out = new TreeSet<>();
        samples.forEach(s -> out.add(GroundTruth.pid(s)));
        return out;
    }

    @Test
    void aValidationRunTrainsOnNoValidationOrTestIdentity() {
        List<ReidDataset> distributed = DatasetLocator.readAll(synth, ReadOptions.namesOnly());
        // the supervised upper bound reads true identities: its training images must hold no validation id
        TrainingData val = TrainingData.load(config("eval.split=val", "training.method=supervised"), null);
        assertEquals(3, val.datasets().size());
        for (ReidDataset d : val.datasets()) {
            ReidDataset asRead = distributed.stream().filter(x -> x.scenario() == d.scenario()).findFirst().orElseThrow();
            Set<Integer> valIds = ValidationSplit.identities(asRead);
            Set<Integer> testIds = pids(asRead.query());
            testIds.addAll(pids(asRead.gallery()));
            assertTrue(Collections.disjoint(pids(d.train()), valIds), d.layout());
            assertEquals(valIds, pids(d.query()), d.layout());
            assertEquals(valIds, pids(d.gallery()), d.layout());
            for (List<Sample> split : List.of(d.train(), d.query(), d.gallery())) {
                assertTrue(Collections.disjoint(pids(split), testIds), d.layout() + ": a test id is used");
            }
            assertTrue(d.division() != null, "divided into groups as a test run's data are");
            assertTrue(Collections.disjoint(pids(val.trainSamples().stream().filter(s -> s.scenario() == d.scenario())
                    .toList()), valIds), d.layout() + ": the images the pipeline trains on");
        }
    }

    @Test
    void theValidationIdentitiesDoNotDependOnTheRunSeed() {
        TrainingData one = TrainingData.load(config("eval.split=val", "seed=1"), null);
        TrainingData other = TrainingData.load(config("eval.split=val", "seed=9"), null);
        for (int i = 0; i < one.datasets().size(); i++) {
            ReidDataset a = one.datasets().get(i);
            ReidDataset b = other.datasets().get(i);
            for (List<Sample>[] pair : pairs(a, b)) {
                assertEquals(pair[0].stream().map(Sample::path).toList(), pair[1].stream().map(Sample::path).toList(),
                        a.layout());
            }
        }
        assertEquals(TrainingData.fingerprints(config("eval.split=val", "seed=1")),
                TrainingData.fingerprints(config("eval.split=val", "seed=9")));
    }

    @SuppressWarnings("unchecked")
    private static List<List<Sample>[]> pairs(ReidDataset a, ReidDataset b) {
        return List.of(new List[] {a.train(), b.train()}, new List[] {a.query(), b.query()},
                new List[] {a.gallery(), b.gallery()});
    }

    @Test
    void aTestRunReadsTheDataAsBefore() {
        RunConfig test = config();
        Map<String, String> fingerprints = TrainingData.fingerprints(test);
        TrainingData data = TrainingData.load(test, null);
        for (ReidDataset asRead : DatasetLocator.readAll(synth, ReadOptions.namesOnly())) {
            assertEquals(DatasetFingerprint.of(asRead), fingerprints.get(asRead.layout()), asRead.layout());
            ReidDataset d = data.datasets().stream().filter(x -> x.scenario() == asRead.scenario()).findFirst()
                    .orElseThrow();
            assertEquals(asRead.train().stream().map(Sample::path).toList(), d.train().stream().map(Sample::path).toList());
            assertEquals(asRead.query().stream().map(Sample::path).toList(), d.query().stream().map(Sample::path).toList());
            assertEquals(asRead.gallery().stream().map(Sample::path).toList(),
                    d.gallery().stream().map(Sample::path).toList());
        }
        // a validation run's data are other files: its fingerprints differ, so neither run's record is the other's
        Map<String, String> val = TrainingData.fingerprints(config("eval.split=val"));
        assertEquals(fingerprints.keySet(), val.keySet());
        fingerprints.forEach((layout, f) -> assertNotEquals(f, val.get(layout), layout));
        assertFalse(fingerprints.isEmpty());
    }
}
