package org.itkm.synth;

import java.nio.file.Path;

/**
 * One image of a {@link SynthPlan}: where it goes, who, in which outfit, seen by which camera, and the
 * seed of its own generator (so that images can be rendered in any order, in parallel).
 *
 * @param root the scenario folder (SYSU-MM01, LTCC_ReID, MLR-CUHK03 or captions)
 * @param file the path below root, in the layout's naming
 * @param split train, query, gallery, junk (pid -1 distractors) or caption
 * @param outfit index into the identity's outfits
 * @param clothes the clothes number in an LTCC file name or the caption corpus, -1 elsewhere
 * @param downsample 1, or the factor r of a low-resolution view
 */
record ImageJob(Path root, String file, String split, Identity identity, int outfit, int pid, int camid,
        int clothes, CameraStyle camera, int downsample, long seed) {}
