package org.itkm.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.itkm.cli.ItkmCli;
import org.itkm.config.RunConfig;
import org.itkm.data.GroundTruth;
import org.itkm.data.ReidDataset;
import org.itkm.data.Sample;
import org.itkm.eval.Protocol;
import org.itkm.eval.RankingMetrics;
import org.itkm.eval.dataset.EncoderFeatures;
import org.itkm.io.FloatMatrix;
import org.itkm.io.NpyFile;
import org.itkm.robustness.RunFixtures;
import org.itkm.run.RunResults;
import org.itkm.runtime.EngineRuntime;
import org.itkm.train.RunCatalog;
import org.itkm.train.TrainedEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The round trip the export promises: a tiny ITKM run (smoke profile, mode S on VI, scenario embedding on)
 * exported once per branch, each group's test images embedded by {@code itkm embed} from its branch's export,
 * gives the run's own test features to float tolerance, and {@code itkm evaluate} on them gives the metrics
 * the run recorded in results.json.
 */
class ExportRoundTripTest {
    @TempDir
    Path dir;
    private String out;
    private String err;

    @Test
    void exportedEncoderGivesTheRunsFeaturesAndMetrics() throws Exception {
        Path synth = RunFixtures.synth(); // SynthUMS tiny and a random pocket CLIP, shared by the test JVM
        Path clip = RunFixtures.clip();
        Path results = dir.resolve("results");
        cli(0, "train", "--profile", "smoke", "--results", results.toString(), "--method", "itkm", "--mode", "S",
                "--scenario", "VI", "eval.everyEpochs=0", "data.synthRoot=" + synth, "model.checkpoint=" + clip);
        Path run;
        try (Stream<Path> s = Files.list(results.resolve("smoke").resolve("runs"))) {
            run = s.findFirst().orElseThrow();
        }
        Path[] exports = {dir.resolve("export-A"), dir.resolve("export-B")};
        for (int b = 0; b < 2; b++) {
            cli(0, "export", run.toString(), "--out", exports[b].toString(), "--branch", b == 0 ? "A" : "B");
            assertTrue(out.contains("scenario VI"), out); // the run's one scenario, folded by default
            JsonObject card = JsonParser.parseString(Files.readString(exports[b].resolve(ExportCard.FILE)))
                    .getAsJsonObject();
            assertEquals(run.getFileName().toString(), card.getAsJsonObject("run").get("runId").getAsString());
            assertTrue(card.getAsJsonObject("metrics").has("SYSU-MM01"), card.toString());
        }
        cli(2, "export", run.toString(), "--out", dir.resolve("x").toString(), "--scenario", "CC");
        assertTrue(err.contains("--scenario CC") && err.contains("trained on [VI] only"), err);
        cli(2, "export", run.toString(), "--out", dir.resolve("x").toString(), "--format", "openai");
        assertTrue(err.contains("square grids only"), err);

        RunConfig c = RunConfig.loadFile(run.resolve("config.yaml")).config();
        ReidDataset d = RunCatalog.dataOf(c, results).datasets().get(0);
        Map<String, FloatMatrix> expected = new java.util.HashMap<>();
        try (NDManager m = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            TrainedEncoder enc = TrainedEncoder.load(run, m);
            for (String set : List.of("query", "gallery")) {
                List<Sample> samples = set.equals("query") ? d.query() : d.gallery();
                expected.put(set, EncoderFeatures.ofOwnBranches(enc.model(), m.getDevice(), samples, false, true, 128));
            }
        }
        Map<Protocol, RankingMetrics> recorded = RunResults.read(run).get(d.layout());
        Path[] npy = new Path[2];
        Path[] meta = new Path[2];
        for (int k = 0; k < 2; k++) {
            String set = k == 0 ? "query" : "gallery";
            List<Sample> samples = k == 0 ? d.query() : d.gallery();
            FloatMatrix got = embedThroughExports(samples, exports, set);
            double diff = EncoderFoldingTest.maxDiff(expected.get(set).data(), got.data());
            System.out.println(set + ": " + samples.size() + " images, max |feature difference| " + diff);
            assertTrue(diff < 1e-4, set + " features differ from the run's by " + diff);
            npy[k] = dir.resolve(set + ".npy");
            NpyFile.write(npy[k], got);
            meta[k] = dir.resolve(set + ".csv");
            StringBuilder csv = new StringBuilder("pid,camid,clothes\n");
            for (Sample s : samples) {
                int clothes = GroundTruth.clothes(s);
                csv.append(GroundTruth.pid(s)).append(',').append(s.camid()).append(',')
                        .append(clothes < 0 ? "" : Integer.toString(clothes)).append('\n');
            }
            Files.writeString(meta[k], csv);
        }
        for (Protocol p : List.of(Protocol.SYSU_ALL, Protocol.SYSU_INDOOR)) {
            cli(0, "evaluate", "--query-features", npy[0].toString(), "--gallery-features", npy[1].toString(),
                    "--query-meta", meta[0].toString(), "--gallery-meta", meta[1].toString(), "--protocol", p.id(),
                    "--trials", Integer.toString(c.eval().sysuTrials()), "--seed", Long.toString(c.seed()), "--json");
            JsonObject got = JsonParser.parseString(out.strip()).getAsJsonObject();
            RankingMetrics want = recorded.get(p);
            System.out.println(p.id() + ": recorded R1 " + want.rank1() + " mAP " + want.mAP() + ", from the export R1 "
                    + got.get("rank1").getAsDouble() + " mAP " + got.get("mAP").getAsDouble());
            assertEquals(want.rank1(), got.get("rank1").getAsDouble(), 1e-6, p.id() + " rank-1");
            assertEquals(want.mAP(), got.get("mAP").getAsDouble(), 1e-6, p.id() + " mAP");
            assertEquals(want.mINP(), got.get("mINP").getAsDouble(), 1e-6, p.id() + " mINP");
            assertEquals(want.queries(), got.get("queries").getAsInt(), p.id() + " queries");
        }
    }

    /** Each image through its group's export (copied into one folder per group, named in set order). */
    private FloatMatrix embedThroughExports(List<Sample> samples, Path[] exports, String set) throws Exception {
        List<List<Integer>> rows = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            int g = s.group().index();
            Path images = Files.createDirectories(dir.resolve(set + "-images-" + g));
            String name = s.path().getFileName().toString();
            Files.copy(s.path(), images.resolve(String.format(Locale.ROOT, "%06d%s", i,
                    name.substring(name.lastIndexOf('.')))));
            rows.get(g).add(i);
        }
        float[] all = null;
        int dim = 0;
        for (int g = 0; g < 2; g++) {
            if (rows.get(g).isEmpty()) {
                continue;
            }
            Path f = dir.resolve(set + "-" + g + ".npy");
            cli(0, "embed", "--checkpoint", exports[g].toString(), "--images", dir.resolve(set + "-images-" + g)
                    .toString(), "--out", f.toString());
            FloatMatrix part = NpyFile.readFloat32Matrix(f);
            dim = part.cols();
            all = all == null ? new float[samples.size() * dim] : all;
            for (int j = 0; j < rows.get(g).size(); j++) {
                System.arraycopy(part.data(), j * dim, all, rows.get(g).get(j) * dim, dim);
            }
        }
        return new FloatMatrix(samples.size(), dim, all);
    }

    private void cli(int expectedCode, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = ItkmCli.execute(args, new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        assertEquals(expectedCode, code, String.join(" ", args) + "\nstdout: " + out + "\nstderr: " + err);
    }
}
