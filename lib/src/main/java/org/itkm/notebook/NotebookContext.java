package org.itkm.notebook;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.itkm.config.RunConfig;
import org.itkm.io.ResultsFolderLock;
import org.itkm.report.PaperTable;
import org.itkm.report.ReportFolder;
import org.itkm.report.ResultTable;
import org.itkm.report.TableCaption;
import org.itkm.report.plotly.InteractiveFigure;
import org.itkm.train.RunCatalog;
import org.itkm.train.Workspace;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Everything a notebook of the kit works with, from one set-up call: the profile ({@code ITKM_PROFILE}, default
 * {@code quick}), the kit's folder ({@code ITKM_HOME}, default the notebook folder's parent), the profile's
 * {@link Workspace} and configuration, the run catalogue, the report folder {@code results/<profile>/} and a log
 * that prints to the cell. Its {@code table}/{@code figure}/{@code picture} methods write an artefact under
 * {@code results/<profile>/} and return it for display; {@code show} only displays.
 *
 * <pre>{@code
 * NotebookContext nb = NotebookContext.open();
 * nb.ensureData();
 * RunCatalog.Finished itkm = nb.runs().obtain(List.of("training.mode=M"), nb.log());
 * nb.figure(TrainingCurves.of(MetricsCurves.read(itkm.dir()), "Stage I loss", "stage1", List.of("loss"), "loss", ""),
 *         "stage1-loss")    // last expression of the cell: shows the interactive figure
 * }</pre>
 */
public final class NotebookContext implements AutoCloseable {
    private final String profile;
    private final Path home;
    private final Workspace workspace;
    private final PrintWriter log;
    private final ReportFolder report;
    private final ResultsFolderLock lock;
    private RunCatalog runs;

    private NotebookContext(String profile, Path home, Workspace workspace, PrintWriter log, ResultsFolderLock lock) {
        this.profile = profile;
        this.home = home;
        this.workspace = workspace;
        this.log = log;
        this.lock = lock;
        this.report = ReportFolder.of(workspace.profileDir());
    }

    /** The context of the environment: {@code ITKM_PROFILE} (default quick) and {@code ITKM_HOME} (default ".."). */
    public static NotebookContext open() {
        return open(System.getenv());
    }

    /** As {@link #open()}, from a given environment (tests). */
    public static NotebookContext open(Map<String, String> environment) {
        String profile = environment.getOrDefault("ITKM_PROFILE", "quick");
        Path home = Path.of(environment.getOrDefault("ITKM_HOME", "..")).toAbsolutePath().normalize();
        return open(home, profile);
    }

    /** The context of a profile in a kit folder. */
    public static NotebookContext open(Path home, String profile) {
        if (!Files.isDirectory(home)) {
            throw new IllegalArgumentException("ITKM_HOME " + home + " is not a folder (the kit's checkout)");
        }
        Workspace ws = Workspace.open(home, profile, List.of());
        // one writer per results folder: itkm reproduce, train, sweep or another notebook on it is refused
        // while this notebook holds it (until close(), or until the kernel stops)
        ResultsFolderLock lock;
        try {
            lock = ResultsFolderLock.acquire(ws.profileDir(), "a notebook (profile " + profile + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new NotebookContext(profile, home, ws, new PrintWriter(System.out, true), lock);
    }

    /** Releases the results folder for other writers (the notebook's last cell). */
    @Override
    public void close() {
        try {
            lock.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String profile() {
        return profile;
    }

    /** The kit's folder (the checkout). */
    public Path home() {
        return home;
    }

    public Workspace workspace() {
        return workspace;
    }

    /** The profile's configuration (no overrides). */
    public RunConfig config() {
        return workspace.config();
    }

    /** Progress and messages, printed to the cell's output. */
    public PrintWriter log() {
        return log;
    }

    /** {@code results/<profile>/}: figures and tables. */
    public ReportFolder report() {
        return report;
    }

    /** The profile's runs (finished runs reused, interrupted ones resumed; made on first use). */
    public RunCatalog runs() {
        if (runs == null) {
            runs = workspace.runs(false);
        }
        return runs;
    }

    /** How the tables of this profile name their source ("this kit, quick profile", "SynthUMS quick"). */
    public TableCaption caption() {
        return TableCaption.of(profile, config());
    }

    /** Generates SynthUMS for the profile unless it is there (real-data profiles: checks nothing). */
    public NotebookContext ensureData() {
        workspace.ensureData(log);
        return this;
    }

    /** The CLIP checkpoint of the profile (the shipped pocket CLIP, verified, for {@code pocket}). */
    public Path ensureClip() {
        return workspace.ensureClip(log);
    }

    /** Shows a paper table (HTML, with Markdown and plain-text forms). */
    public DisplayData show(PaperTable table) {
        return NotebookDisplay.table(table);
    }

    /** Shows a result table. */
    public DisplayData show(ResultTable table) {
        return NotebookDisplay.table(table);
    }

    /** Shows a Tablesaw table. */
    public DisplayData show(Table table) {
        return NotebookDisplay.table(table);
    }

    /** Shows an interactive figure (with its PNG beside it). */
    public DisplayData show(InteractiveFigure figure) {
        return NotebookDisplay.figure(figure);
    }

    /** Shows a picture. */
    public DisplayData show(BufferedImage image) {
        return NotebookDisplay.image(image);
    }

    /** Writes {@code tables/<name>.{csv,md}} and shows the table. */
    public DisplayData table(PaperTable table, String name) throws IOException {
        return show(report.table(table, name));
    }

    /** Writes {@code tables/<name>.{csv,md}} and shows the table. */
    public DisplayData table(ResultTable table, String name) throws IOException {
        return show(report.table(table, name));
    }

    /** Writes the static twin to {@code figures/<name>.{png,svg}} and shows the interactive figure. */
    public DisplayData figure(InteractiveFigure figure, String name) throws IOException {
        report.figure(figure.still(), name);
        return show(figure);
    }

    /** Writes a static chart to {@code figures/<name>.{png,svg}} and shows it. */
    public DisplayData figure(Chart<?, ?> chart, String name) throws IOException {
        return show(report.figure(chart, name));
    }

    /** Writes a picture (an image grid) to {@code figures/<name>.png} and shows it. */
    public DisplayData picture(BufferedImage image, String name) throws IOException {
        return show(report.picture(image, name));
    }

    /** One line: profile, data and where the results go. */
    @Override
    public String toString() {
        RunConfig.Data d = config().data();
        return "profile " + profile + ", data " + caption().data() + (d.source() == RunConfig.DataSource.SYNTH
                ? " (" + home.relativize(d.synthRoot().toAbsolutePath().normalize()) + ")" : "") + ", results "
                + home.relativize(workspace.profileDir().toAbsolutePath().normalize());
    }
}
