package org.itkm.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.itkm.eval.Protocol;
import org.itkm.eval.RankingMetrics;

/**
 * Paper Table 1 from the kit's results: one measured row per method (in the order given), then the paper's CC,
 * ITKM(S) and ITKM(M) rows, labelled as reported. The one assembly that {@code itkm reproduce} and notebook 06 share
 * (the runs themselves come from {@code org.itkm.report.Table1Runs}).
 */
public final class Table1Builder {
    /** The paper's rows shown beneath the kit's. */
    public static final List<String> REPORTED = List.of("CC", "ITKM(S)", "ITKM(M)");

    private Table1Builder() {}

    /**
     * @param rows per method (row name), its results per data set (layout name) and protocol
     */
    public static PaperTable build(TableCaption caption, Map<String, Map<String, Map<Protocol, RankingMetrics>>> rows) {
        List<PaperTable.Row> table = new ArrayList<>();
        rows.forEach((method, byLayout) -> table.add(PaperTable.measured(method, caption.source(),
                RunTables.byProtocolKey(byLayout))));
        for (String m : REPORTED) {
            table.add(PaperTable.reported(PaperResults.Table.TABLE_1, m));
        }
        return PaperTable.table1(caption.title("Table 1", ""), table);
    }
}
