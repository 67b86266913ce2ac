/**
 * ReID data: the three real layouts, homogeneous groups and the training input pipeline.
 *
 * <ul>
 *   <li>Reading: {@link org.itkm.data.DatasetLocator#readAll} (or a {@link org.itkm.data.DatasetLayout}:
 *       {@link org.itkm.data.SysuMm01Layout}, {@link org.itkm.data.LtccLayout},
 *       {@link org.itkm.data.MarketStyleLayout}) gives one {@link org.itkm.data.ReidDataset} per
 *       scenario with train / query / gallery {@link org.itkm.data.Sample}s; {@link org.itkm.data.ReadOptions}
 *       decide whether images are verified and whether unreadable ones fail or are skipped.</li>
 *   <li>Ground truth: a {@link org.itkm.data.Sample} shows path, scenario, group and camera only; pid and
 *       clothes come from {@link org.itkm.data.GroundTruth}, for evaluation and diagnostics.</li>
 *   <li>Groups: {@link org.itkm.data.GroupDivision#divide} (modality / resolution cameras, k-means on an
 *       {@link org.itkm.data.ImageRepresentation}); {@link org.itkm.data.GroupDivision.Record} and
 *       {@link org.itkm.data.DatasetFingerprint} go into run manifests.</li>
 *   <li>Training input, as DJL: {@link org.itkm.data.ReidImageDataset} (a basicdataset
 *       {@code ImageDataset}: records labelled with identity, camera, modality, outfit and scenario) with
 *       {@link org.itkm.data.JointBatchSampler} as its {@code Sampler} (P × K per scenario and group over
 *       pseudo-labels); {@link org.itkm.data.ImageTransform} augments and
 *       {@link org.itkm.data.ImageBatchLoader} loads each batch whole (parallel decoding, decoded-image
 *       cache, reused direct buffers).</li>
 *   <li>Baseline: {@link org.itkm.data.ColourHistogramBaseline}.</li>
 * </ul>
 */
package org.itkm.data;
