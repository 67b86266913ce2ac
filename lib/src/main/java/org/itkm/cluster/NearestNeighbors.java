package org.itkm.cluster;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.itkm.runtime.ConsoleProgress;

/**
 * Exact k-nearest neighbours by cosine similarity, computed by tiled float32 matrix products on the DJL
 * engine (CPU or GPU) so that no N x N matrix is ever held: each tile is scanned into per-row bounded
 * candidate heaps and dropped.
 *
 * <p>Exactness: the float32 products only select candidates. The final order uses exact (double)
 * cosines, equal cosines broken by lower index. A row keeps k + {@value #EXTRA_CANDIDATES} float32
 * candidates; if the last of them is still within twice the float32 error bound of the k-th, the row
 * may have near-ties beyond its candidates and is rescanned in a second pass that keeps every column
 * within the band (at most {@value #MAX_NEAR_TIES} of them, the best by float32: only a collapsed feature
 * set has more rows that close). For a set against itself only the upper triangle of tiles is computed
 * (the product is symmetric: each off-diagonal tile serves its rows and, read column-wise, the rows of
 * its columns), and each row's own index is put first.
 */
public final class NearestNeighbors {
    /** Float32 candidates kept beyond k per row before the exact re-ranking. */
    static final int EXTRA_CANDIDATES = 4;
    /** Default tile side: 2048 x 2048 float32 = 16 MiB per product. */
    public static final int DEFAULT_TILE = 2048;
    private static final long MAX_RESCAN_BLOCK_VALUES = 16L << 20;
    /**
     * Most near-tie candidates re-ranked exactly per rescanned row. Only degenerate (collapsed) feature
     * sets reach it; beyond it, candidates are ordered by float32 similarity (ties: lower index).
     */
    static final int MAX_NEAR_TIES = 512;
    private static final long PROGRESS_MIN_PRODUCTS = 100_000_000L;
    /**
     * Tile values are scanned in chunks: one branch-free test per chunk for any value above its row's
     * (or column's) threshold, the value-by-value pass only where one is; nearly all chunks have none.
     */
    private static final int SCAN_CHUNK = 16;

    private final Device device;
    private final int tile;

    /** Neighbour search whose products run on {@code device} in tiles of {@code tile} rows. */
    public NearestNeighbors(Device device, int tile) {
        if (tile < 1) {
            throw new IllegalArgumentException("tile must be positive, got " + tile);
        }
        this.device = device;
        this.tile = tile;
    }

    /** Neighbour search on the CPU with the default tile. */
    public NearestNeighbors() {
        this(Device.cpu(), DEFAULT_TILE);
    }

    public Device device() {
        return device;
    }

    /**
     * The first min(k, n) neighbours of every row of {@code x} within {@code x}, the row itself first,
     * then by descending cosine (ties: lower index).
     */
    public NeighborTable self(UnitFeatures x, int k) {
        return search(x, x, k, true);
    }

    /** The first min(k, gallery rows) gallery rows nearest to each query row (ties: lower index). */
    public NeighborTable cross(UnitFeatures query, UnitFeatures gallery, int k) {
        if (query.dim() != gallery.dim()) {
            throw new IllegalArgumentException("query dimension " + query.dim() + " != gallery dimension "
                    + gallery.dim());
        }
        return search(query, gallery, k, false);
    }

    private NeighborTable search(UnitFeatures q, UnitFeatures g, int k, boolean self) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        int n = q.rows();
        int ng = g.rows();
        int width = Math.min(k, ng);
        int[] index = new int[n * width];
        double[] cosine = new double[n * width];
        if (n == 0 || width == 0) {
            return new NeighborTable(n, width, index, cosine);
        }
        int others = self ? width - 1 : width;
        int pool = self ? ng - 1 : ng;
        int capacity = others == 0 ? 0 : Math.min(pool, others + EXTRA_CANDIDATES);
        TopCandidates top = new TopCandidates(n, capacity);
        float band = 2 * UnitFeatures.productErrorBound(q.dim());
        try (NDManager manager = NDManager.newBaseManager(device)) {
            NDArray qa = manager.create(FloatBuffer.wrap(q.unit()), new Shape(n, q.dim()));
            NDArray ga = self ? qa : manager.create(FloatBuffer.wrap(g.unit()), new Shape(ng, g.dim()));
            if (capacity > 0) {
                scanTiles(qa, ga, n, ng, self, top);
            }
            float[] rescanFloor = new float[n];
            boolean[] rescan = new boolean[n];
            IntStream.range(0, n).parallel().forEach(i -> {
                int[] candIndex = new int[capacity];
                float[] candScore = new float[capacity];
                top.sorted(i, candIndex, candScore);
                int found = top.size(i);
                if (capacity > 0 && capacity < pool && top.full(i)
                        && candScore[capacity - 1] >= candScore[others - 1] - band) {
                    rescan[i] = true;
                    rescanFloor[i] = candScore[others - 1] - band;
                    return;
                }
                // candidates more than the band below the k-th cannot enter: no exact cosine needed for them
                int useful = found;
                if (others > 0) {
                    float cut = candScore[others - 1] - band;
                    while (useful > others && candScore[useful - 1] < cut) {
                        useful--;
                    }
                }
                writeRow(i, candIndex, useful, q, g, self, width, others, index, cosine);
            });
            int[] rescanRows = IntStream.range(0, n).filter(i -> rescan[i]).toArray();
            if (rescanRows.length > 0) {
                rescan(rescanRows, rescanFloor, qa.getManager(), ga, q, g, self, width, others, index, cosine);
            }
        }
        return new NeighborTable(n, width, index, cosine);
    }

    private void scanTiles(NDArray qa, NDArray ga, int n, int ng, boolean self, TopCandidates top) {
        int qTiles = (n + tile - 1) / tile;
        int gTiles = (ng + tile - 1) / tile;
        // (query tile, gallery tile) pairs in scan order. For a set against itself, the diagonal tiles come
        // first: they give every row a full heap and so a finite threshold, and the off-diagonal tiles,
        // which also feed the rows of their columns, then take the one-pass threshold scan.
        java.util.List<int[]> order = new java.util.ArrayList<>();
        if (self) {
            for (int b = 0; b < qTiles; b++) {
                order.add(new int[] {b, b});
            }
        }
        for (int bi = 0; bi < qTiles; bi++) {
            for (int bj = self ? bi + 1 : 0; bj < gTiles; bj++) {
                order.add(new int[] {bi, bj});
            }
        }
        ConsoleProgress progress = (long) n * ng >= PROGRESS_MIN_PRODUCTS
                ? new ConsoleProgress("neighbours", order.size()) : null;
        // products and scans alternate, each with both cores: a product thread running beside the scans
        // measured no faster (the engine's threads and the scanning threads then share the two cores)
        try {
            for (int[] pair : order) {
                int i0 = pair[0] * tile;
                int i1 = Math.min(n, i0 + tile);
                int j0 = pair[1] * tile;
                int j1 = Math.min(ng, j0 + tile);
                try (NDManager step = qa.getManager().newSubManager()) {
                    NDArray a = qa.get(new NDIndex("{}:{}", i0, i1));
                    a.attach(step);
                    NDArray b = ga.get(new NDIndex("{}:{}", j0, j1));
                    b.attach(step);
                    NDArray bt = b.transpose();
                    bt.attach(step);
                    NDArray s = onHost(a.matMul(bt), step);
                    // scanned in place, through a direct buffer over the engine's memory (copying it out
                    // first cost ~3 ms a tile; the engine's topK was slower than these scans)
                    FloatBuffer buf = s.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
                    if (self && pair[0] != pair[1]) {
                        offerRowsAndColumns(buf, i0, i1, j0, j1, top);
                    } else {
                        offerRows(buf, i0, i1, j0, j1, self, top);
                    }
                }
                if (progress != null) {
                    progress.step(1);
                }
            }
        } finally {
            if (progress != null) {
                progress.close();
            }
        }
    }

    /** The array in host memory (copied from a GPU), owned by {@code step}. */
    private static NDArray onHost(NDArray x, NDManager step) {
        x.attach(step);
        if (!x.getDevice().isGpu()) {
            return x;
        }
        NDArray host = x.toDevice(Device.cpu(), false);
        host.attach(step);
        return host;
    }

    /** Rows i0..i1 of the tile offer columns j0..j1 as their candidates (skipping the row itself). */
    private static void offerRows(FloatBuffer buf, int i0, int i1, int j0, int j1, boolean diagonal,
            TopCandidates top) {
        int cols = j1 - j0;
        float[] floor = top.floors();
        IntStream.range(i0, i1).parallel().forEach(i -> {
            int base = (i - i0) * cols;
            int skip = diagonal ? i - j0 : -1;
            float f = floor[i];
            for (int c0 = 0; c0 < cols; c0 += SCAN_CHUNK) {
                int c1 = Math.min(cols, c0 + SCAN_CHUNK);
                boolean any = false;
                for (int c = c0; c < c1; c++) {
                    any |= buf.get(base + c) >= f;
                }
                if (!any) {
                    continue;
                }
                for (int c = c0; c < c1; c++) {
                    float v = buf.get(base + c);
                    if (v >= f && c != skip) {
                        top.offer(i, v, j0 + c);
                        f = floor[i];
                    }
                }
            }
        });
    }

    /**
     * An off-diagonal tile of a symmetric product in one read: rows i0..i1 take their candidates, and
     * every value that may enter a column's heap (rows j0..j1) is collected and offered afterwards.
     * Column thresholds are a snapshot from the tile's start; thresholds only rise, so a stale one only
     * lets extra values through, which the heap then rejects.
     */
    private static void offerRowsAndColumns(FloatBuffer buf, int i0, int i1, int j0, int j1, TopCandidates top) {
        int cols = j1 - j0;
        float[] floor = top.floors();
        float[] colFloor = java.util.Arrays.copyOfRange(floor, j0, j1);
        for (float f : colFloor) {
            if (f == Float.NEGATIVE_INFINITY) { // heaps still filling: nearly every value would be collected
                offerRows(buf, i0, i1, j0, j1, false, top);
                offerColumns(buf, i0, i1, j0, j1, top);
                return;
            }
        }
        int band = 64;
        int tasks = (i1 - i0 + band - 1) / band;
        java.util.List<ColumnHits> hits = IntStream.range(0, tasks).parallel().mapToObj(t -> {
            ColumnHits h = new ColumnHits();
            for (int i = i0 + t * band, end = Math.min(i1, i0 + (t + 1) * band); i < end; i++) {
                int base = (i - i0) * cols;
                float f = floor[i];
                for (int c0 = 0; c0 < cols; c0 += SCAN_CHUNK) {
                    int c1 = Math.min(cols, c0 + SCAN_CHUNK);
                    boolean any = false;
                    for (int c = c0; c < c1; c++) {
                        float v = buf.get(base + c);
                        any |= (v >= f) | (v >= colFloor[c]);
                    }
                    if (!any) {
                        continue;
                    }
                    for (int c = c0; c < c1; c++) {
                        float v = buf.get(base + c);
                        if (v >= f) {
                            top.offer(i, v, j0 + c);
                            f = floor[i];
                        }
                        if (v >= colFloor[c]) {
                            h.add(j0 + c, i, v);
                        }
                    }
                }
            }
            return h;
        }).toList();
        for (ColumnHits h : hits) {
            for (int p = 0; p < h.count; p++) {
                top.offer(h.row[p], h.score[p], h.candidate[p]);
            }
        }
    }

    /** Values collected for column heaps during a row scan. */
    private static final class ColumnHits {
        int[] row = new int[64];
        int[] candidate = new int[64];
        float[] score = new float[64];
        int count;

        void add(int r, int j, float v) {
            if (count == row.length) {
                row = java.util.Arrays.copyOf(row, 2 * count);
                candidate = java.util.Arrays.copyOf(candidate, 2 * count);
                score = java.util.Arrays.copyOf(score, 2 * count);
            }
            row[count] = r;
            candidate[count] = j;
            score[count++] = v;
        }
    }

    /** The transposed view of a symmetric tile: rows j0..j1 get rows i0..i1 as candidates. */
    private static void offerColumns(FloatBuffer buf, int i0, int i1, int j0, int j1, TopCandidates top) {
        int cols = j1 - j0;
        int chunk = 64;
        int chunks = (cols + chunk - 1) / chunk;
        float[] floor = top.floors();
        IntStream.range(0, chunks).parallel().forEach(ch -> {
            int c0 = ch * chunk;
            int c1 = Math.min(cols, c0 + chunk);
            for (int r = 0; r < i1 - i0; r++) {
                int base = r * cols;
                for (int c = c0; c < c1; c++) {
                    float v = buf.get(base + c);
                    if (v >= floor[j0 + c]) {
                        top.offer(j0 + c, v, i0 + r);
                    }
                }
            }
        });
    }

    /** Second pass for rows with near-ties beyond their candidates: keep every column at or above the floor. */
    private void rescan(int[] rows, float[] floor, NDManager manager, NDArray ga, UnitFeatures q, UnitFeatures g,
            boolean self, int width, int others, int[] index, double[] cosine) {
        int ng = g.rows();
        int d = q.dim();
        int block = (int) Math.max(1, Math.min(tile, MAX_RESCAN_BLOCK_VALUES / Math.max(1, ng)));
        for (int b0 = 0; b0 < rows.length; b0 += block) {
            int b1 = Math.min(rows.length, b0 + block);
            float[] gathered = new float[(b1 - b0) * d];
            for (int t = b0; t < b1; t++) {
                System.arraycopy(q.unit(), rows[t] * d, gathered, (t - b0) * d, d);
            }
            try (NDManager step = manager.newSubManager()) {
                NDArray a = step.create(FloatBuffer.wrap(gathered), new Shape(b1 - b0, d));
                NDArray gt = ga.transpose();
                gt.attach(step);
                NDArray s = onHost(a.matMul(gt), step);
                FloatBuffer fb = s.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
                int first = b0;
                IntStream.range(b0, b1).parallel().forEach(t -> {
                    int i = rows[t];
                    int base = (t - first) * ng;
                    TopCandidates near = new TopCandidates(1, MAX_NEAR_TIES);
                    for (int j = 0; j < ng; j++) {
                        float v = fb.get(base + j);
                        if (v >= floor[i] && !(self && j == i)) {
                            near.offer(0, v, j);
                        }
                    }
                    int count = near.size(0);
                    int[] cand = new int[count];
                    near.sorted(0, cand, new float[count]);
                    writeRow(i, cand, count, q, g, self, width, others, index, cosine);
                });
            }
        }
    }

    /** Whether (sa, ja) ranks after (sb, jb): lower similarity, or equal similarity and higher index. */
    private static boolean after(double sa, int ja, double sb, int jb) {
        return sa < sb || (sa == sb && ja > jb);
    }

    /** Orders candidates by exact cosine (ties: lower index) and writes the row's table entries. */
    private static void writeRow(int i, int[] cand, int count, UnitFeatures q, UnitFeatures g, boolean self,
            int width, int others, int[] index, double[] cosine) {
        double[] exact = new double[count];
        int[] order = new int[count];
        q.cosines(i, g, cand, count, exact);
        for (int t = 0; t < count; t++) {
            // insertion by (exact desc, index asc); rescanned rows may hold more, still few in practice
            int p = t;
            while (p > 0 && after(exact[order[p - 1]], cand[order[p - 1]], exact[t], cand[t])) {
                order[p] = order[p - 1];
                p--;
            }
            order[p] = t;
        }
        int base = i * width;
        int col = 0;
        if (self) {
            index[base] = i;
            cosine[base] = q.cosine(i, q, i);
            col = 1;
        }
        for (int t = 0; t < others; t++) {
            index[base + col + t] = cand[order[t]];
            cosine[base + col + t] = exact[order[t]];
        }
    }
}
