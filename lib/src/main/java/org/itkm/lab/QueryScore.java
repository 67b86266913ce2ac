package org.itkm.lab;

/**
 * Lab 01: what one query contributes to the metrics. {@code cmcRank} is 1-based (1 = the query's identity
 * comes first); {@code averagePrecision} and {@code inverseNegativePenalty} are fractions in (0, 1].
 */
public record QueryScore(int cmcRank, double averagePrecision, double inverseNegativePenalty) {}
