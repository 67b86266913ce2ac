package org.itkm.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.itkm.config.RunConfig;
import org.itkm.io.AtomicFiles;
import org.itkm.report.SeedStudyTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code itkm seed-study}: Table 1 of the profile's own seed beside the Table 1s reproduced with other training
 * seeds ({@code environment/seed-study.sh} makes them), as one table of per-seed values and means.
 */
@Command(name = "seed-study", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Tabulate Table 1 over training seeds: the profile's own",
            "results/<profile>/tables/table1.csv (its seed) beside every",
            "results/<profile>/seed-study/seed-N/<profile>/tables/table1.csv (written by",
            "itkm reproduce --results results/<profile>/seed-study/seed-N seed=N; see",
            "environment/seed-study.sh). Writes results/<profile>/seed-study/",
            "table1-seeds.{md,csv}: per method and headline metric, every seed's value",
            "and the mean. Trains nothing."},
        footer = {"", "Example:", "  ./itkm seed-study --profile quick"})
final class SeedStudyCommand implements Callable<Integer> {
    private static final Pattern SEED_FOLDER = Pattern.compile("seed-(\\d+)");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--profile", defaultValue = "quick", description = "smoke, quick or paper (${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR",
            description = "Results root, relative to the current folder (${DEFAULT-VALUE})")
    Path results;

    @Override
    public Integer call() throws Exception {
        RunConfig base = SettingFlags.load(spec, () -> RunConfig.load(profile, null, java.util.List.of()).config());
        Path profileDir = results.resolve(profile);
        Path study = profileDir.resolve("seed-study");
        Map<Long, Path> tables = new TreeMap<>();
        tables.put(base.seed(), profileDir.resolve("tables").resolve("table1.csv"));
        if (Files.isDirectory(study)) {
            try (Stream<Path> s = Files.list(study)) {
                for (Path p : s.sorted().toList()) {
                    Matcher m = SEED_FOLDER.matcher(p.getFileName().toString());
                    if (m.matches() && Files.isDirectory(p)) {
                        tables.put(Long.parseLong(m.group(1)), p.resolve(profile).resolve("tables").resolve("table1.csv"));
                    }
                }
            }
        }
        SeedStudyTable t = SeedStudyTable.read(tables);
        String title = "Table 1 over training seeds (" + profile + " profile)";
        Path md = study.resolve("table1-seeds.md");
        AtomicFiles.writeString(md, t.toMarkdown(title));
        AtomicFiles.writeString(study.resolve("table1-seeds.csv"), t.toCsv());
        PrintWriter out = spec.commandLine().getOut();
        out.print(t.toMarkdown(title));
        out.println();
        out.println("wrote " + md + " and table1-seeds.csv");
        return 0;
    }
}
