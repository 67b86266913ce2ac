package org.itkm.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.itkm.eval.RankingMetrics;

/**
 * Paper Table S1 (one model for all scenarios): Rank-1 of every protocol and the parameters deployed, for ITKM(S)
 * (one encoder per scenario) and ITKM(M) (one encoder), then the paper's SDCL(S), SDCL(M) and ITKM(M) rows, labelled
 * as reported.
 */
public final class TableS1Builder {
    /** The paper's rows shown beneath the kit's. */
    public static final List<String> REPORTED = List.of("SDCL(S)", "SDCL(M)", "ITKM(M)");

    private TableS1Builder() {}

    /**
     * @param itkmS ITKM(S)'s results by protocol key (the per-scenario runs merged)
     * @param itkmM ITKM(M)'s results by protocol key
     * @param scenarios how many encoders mode S deploys
     * @param encoderMillions parameters of one deployed image encoder, in millions
     */
    public static PaperTable build(TableCaption caption, Map<String, RankingMetrics> itkmS,
            Map<String, RankingMetrics> itkmM, int scenarios, double encoderMillions) {
        List<PaperTable.Row> rows = new ArrayList<>();
        rows.add(RunTables.s1Row("ITKM(S)", caption.source(), itkmS, scenarios, encoderMillions));
        rows.add(RunTables.s1Row("ITKM(M)", caption.source(), itkmM, 1, encoderMillions));
        for (String m : REPORTED) {
            rows.add(PaperTable.reported(PaperResults.Table.TABLE_S1, m));
        }
        return RunTables.tableS1(caption.title("Table S1", ""), rows);
    }
}
