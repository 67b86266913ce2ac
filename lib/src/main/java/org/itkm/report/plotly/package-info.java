/**
 * Interactive (Plotly) figures for the notebooks, built with tablesaw-jsplot, each with its static twin: the same
 * data drawn by XChart, which becomes the PNG a static viewer shows and, for the paper's figures, the PNG/SVG file
 * in {@code results/<profile>/figures/}. Builders here know the kit's data (metrics logs, t-SNE maps, CMC points,
 * sensitivity sweeps); how a figure reaches a page is {@code org.itkm.notebook}'s business.
 *
 * <p>May import {@code org.itkm.report}, {@code org.itkm.eval}, {@code org.itkm.io}, tablesaw-jsplot and XChart.
 */
package org.itkm.report.plotly;
