package org.itkm.report;

import org.itkm.config.RunConfig;

/**
 * Where a reproduced table's numbers come from, said the same way by {@code itkm reproduce} and the notebooks:
 * the title names the profile and the data ("Table 1 (quick profile, SynthUMS quick)") and every measured row
 * carries the source label "this kit, quick profile".
 *
 * @param profile the profile name
 * @param data the data, e.g. "SynthUMS quick" or "real data sets"
 */
public record TableCaption(String profile, String data) {
    /** The caption of a profile's configuration: SynthUMS and its preset, or the real data sets. */
    public static TableCaption of(String profile, RunConfig config) {
        return new TableCaption(profile, config.data().source() == RunConfig.DataSource.SYNTH
                ? "SynthUMS " + config.data().synthPreset() : "real data sets");
    }

    /** e.g. "Table 1 (quick profile, SynthUMS quick)"; {@code detail} is appended inside the brackets when not empty. */
    public String title(String table, String detail) {
        return table + " (" + profile + " profile, " + data + (detail.isEmpty() ? "" : ", " + detail) + ")";
    }

    /** The source label of the kit's rows, e.g. "this kit, quick profile". */
    public String source() {
        return "this kit, " + profile + " profile";
    }
}
