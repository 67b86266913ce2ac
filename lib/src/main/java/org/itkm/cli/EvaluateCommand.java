package org.itkm.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.itkm.eval.ImageLabels;
import org.itkm.eval.LabeledFeatures;
import org.itkm.eval.Protocol;
import org.itkm.eval.RankingMetrics;
import org.itkm.eval.ReidEvaluator;
import org.itkm.io.InvalidInputException;
import org.itkm.io.NpyFile;
import org.itkm.runtime.ConsoleProgress;
import org.itkm.runtime.EngineRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itkm evaluate}: CMC / mAP / mINP of query against gallery features under a paper protocol. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate re-identification features: CMC (rank-1/5/10/20), mAP and mINP in",
            "percent. Features are L2-normalised and ranked by cosine similarity (ties:",
            "lower gallery index first). Queries without a valid match in the gallery are",
            "skipped and counted.", "",
            "Protocols:",
            "  standard      drop gallery items with the query's pid and camera;",
            "                first-match CMC",
            "  ltcc-general  LTCC general setting (same rule as standard)",
            "  ltcc-cc       LTCC clothes-changing: also drop the query person's",
            "                same-clothes items (needs the clothes column)",
            "  sysu-all      SYSU-MM01 all-search: for a camera-3 query drop every",
            "                camera-2 item; CMC on the identity-deduplicated ranking,",
            "                mAP/mINP on the full ranking; galleries: one random image",
            "                per identity and camera 1,2,4,5 per trial",
            "  sysu-indoor   as sysu-all with the gallery restricted to cameras 1 and 2",
            "  mlr           MLR-CUHK03 (RLIM rule): drop same pid + camera; CMC",
            "                averaged over single-shot draws per query, mAP/mINP on the",
            "                full gallery",
            "Within one modality / one outfit (diagnostics beside the paper's protocols):",
            "  sysu-visible  SYSU visible test images (cameras 1,2,4,5) against each",
            "                other: pass the same file as query and gallery; drop same",
            "                pid + same camera, which drops the query itself;",
            "                first-match CMC; no camera-2 rule, no trials",
            "  sysu-infrared as sysu-visible for the infrared test images (cameras 3, 6),",
            "                the same file twice",
            "  ltcc-same-clothes",
            "                LTCC query vs gallery: a match must come from another camera",
            "                in the query's clothes; the person's other outfits are",
            "                dropped (needs the clothes column); first-match CMC"},
        footer = {"", "Files: .npy = float32 N x D, C order (numpy.save of a float32 array);",
            "metadata CSV = header 'pid,camid,clothes', one row per feature row, clothes",
            "may be empty. Random draws reproduce the reference code: SYSU trial t uses",
            "Python's random.seed(seed + t) with random.choice per identity and camera;",
            "MLR uses numpy.random.seed(seed).", "",
            "Example:", "  ./itkm evaluate --query-features q.npy --gallery-features g.npy \\",
            "      --query-meta q.csv --gallery-meta g.csv --protocol sysu-all \\",
            "      --trials 10 --json"})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--query-features", required = true, paramLabel = "Q.npy",
            description = "Query features: float32 N x D .npy")
    Path queryFeatures;

    @Option(names = "--gallery-features", required = true, paramLabel = "G.npy",
            description = "Gallery features: float32 M x D .npy")
    Path galleryFeatures;

    @Option(names = "--query-meta", required = true, paramLabel = "Q.csv",
            description = "Query labels: CSV with header pid,camid,clothes, one row per query feature row")
    Path queryMeta;

    @Option(names = "--gallery-meta", required = true, paramLabel = "G.csv",
            description = "Gallery labels: CSV with header pid,camid,clothes, one row per gallery feature row")
    Path galleryMeta;

    @Option(names = "--protocol", required = true, paramLabel = "P",
            description = "One of: standard, ltcc-general, ltcc-cc, sysu-all, sysu-indoor, mlr, sysu-visible,"
                    + " sysu-infrared, ltcc-same-clothes")
    String protocol;

    @Option(names = "--trials", paramLabel = "N",
            description = "sysu-all, sysu-indoor: number of single-shot galleries to average (default 10);"
                    + " 0 = use the given gallery whole. mlr: single-shot draws per query for CMC (default 10);"
                    + " 0 = first-match CMC on the whole gallery. At most " + MAX_TRIALS + ". Not used by the"
                    + " other protocols.")
    Integer trials;

    /** Largest --trials (the papers average 10; each SYSU trial is a whole evaluation). */
    static final int MAX_TRIALS = 1000;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the random galleries/draws (default: ${DEFAULT-VALUE}); trial t uses S + t")
    long seed;

    @Option(names = "--json", description = "Print only one JSON line on stdout: rank1, rank5, rank10, rank20,"
            + " mAP, mINP (percent) and queries (valid queries), plus skipped, protocol, trials")
    boolean json;

    @Override
    public Integer call() {
        Protocol p = Protocol.fromId(protocol);
        var err = spec.commandLine().getErr();
        if (trials != null && !p.usesTrials()) {
            err.println("note: --trials is not used by protocol " + p.id() + "; ignored");
        }
        if (seed < 0 || seed > 0xffffffffL - 1000) {
            throw new InvalidInputException("--seed must be between 0 and 2^32 - 1001, got " + seed);
        }
        if (trials != null && (trials < 0 || trials > MAX_TRIALS)) {
            throw new InvalidInputException("--trials " + trials + ": expected 0 to " + MAX_TRIALS);
        }
        int n = trials == null ? p.defaultTrials() : trials;
        LabeledFeatures query = load(queryFeatures, queryMeta);
        LabeledFeatures gallery = load(galleryFeatures, galleryMeta);
        long t0 = System.nanoTime();
        err.println(EngineRuntime.describe());
        long total = (long) query.size() * (p.isSysu() && n > 0 ? n : 1);
        RankingMetrics m;
        try (ConsoleProgress bar = new ConsoleProgress("evaluate " + p.id(), total)) {
            m = ReidEvaluator.evaluate(query, gallery, p, n, seed, bar::set);
        }
        err.printf(Locale.ROOT, "evaluated %d queries x %d gallery (D=%d) in %.2f s%n", query.size(), gallery.size(),
                query.features().cols(), (System.nanoTime() - t0) / 1e9);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(m.toJson(p, p.usesTrials() ? n : 0));
        } else {
            out.print(m.toTable(p, n));
        }
        out.flush();
        return 0;
    }

    private static LabeledFeatures load(Path features, Path meta) {
        return new LabeledFeatures(NpyFile.readFloat32Matrix(features), ImageLabels.readCsv(meta),
                features.toString(), meta.toString());
    }
}
