package org.itkm.train;

import org.itkm.runtime.Scalars;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.itkm.io.AtomicFiles;

/**
 * Adam with L2 weight decay, exactly as {@code torch.optim.Adam} (β = 0.9, 0.999, ε = 1e-8, per-parameter
 * step counts for bias correction), with state that can be saved and restored so that a resumed run
 * continues on the same trajectory. (DJL's built-in Adam keeps its moments private.) Moments live in
 * the optimizer's own manager; the update runs after the gradient collector is closed and leaves the
 * gradients at zero.
 */
public final class AdamOptimizer implements AutoCloseable {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-8f;
    private final float weightDecay;
    private final NDManager manager;
    private final Map<String, NDArray> firstMoment = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoment = new LinkedHashMap<>();
    private final Map<String, Integer> steps = new HashMap<>();

    public AdamOptimizer(NDManager parent, double weightDecay) {
        this.weightDecay = (float) weightDecay;
        this.manager = parent.newSubManager();
    }

    /** One update of every parameter that has a gradient, with learning rate {@code lr}. */
    public void step(Map<String, NDArray> parameters, double lr) {
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            NDArray p = e.getValue();
            if (!p.hasGradient()) {
                continue;
            }
            // Every temporary is attached to the step's scope: an operation's result belongs to the manager
            // of its first operand, and p, m and v live as long as the stage (a leak of several copies of
            // the parameters per step otherwise)
            try (NDManager scope = manager.newSubManager(p.getDevice())) {
                NDArray grad = p.getGradient();
                grad.attach(scope); // getGradient() hands out a new handle: close it with the step
                NDArray g = grad;
                if (weightDecay != 0) {
                    NDArray decay = Scalars.mul(p, weightDecay);
                    decay.attach(scope);
                    g = grad.add(decay);
                }
                NDArray m = firstMoment.computeIfAbsent(e.getKey(), k -> manager.zeros(p.getShape(), p.getDataType()));
                NDArray v = secondMoment.computeIfAbsent(e.getKey(), k -> manager.zeros(p.getShape(), p.getDataType()));
                int t = steps.merge(e.getKey(), 1, Integer::sum);
                Scalars.muli(m, BETA1).addi(Scalars.mul(g, 1 - BETA1));
                Scalars.muli(v, BETA2).addi(Scalars.mul(g.square(), 1 - BETA2));
                double bc1 = 1 - Math.pow(BETA1, t);
                double bc2 = 1 - Math.pow(BETA2, t);
                NDArray denom = v.sqrt();
                denom.attach(scope);
                Scalars.addi(Scalars.divi(denom, (float) Math.sqrt(bc2)), EPS);
                NDArray update = m.div(denom);
                update.attach(scope);
                p.subi(Scalars.muli(update, (float) (lr / bc1)));
                Scalars.muli(grad, 0f); // PyTorch accumulates gradients: zero them for the next step (zero_grad)
            }
        }
    }

    /**
     * Writes the moments and step counts (atomically): a 4-byte length, the index (name and step count of
     * every parameter that has moments, one a line), then the moments as an {@link NDList}. An optimiser
     * that has made no step yet (an epoch without a batch: every image clustered as noise) writes an empty
     * index and no list.
     */
    public void save(Path file) throws IOException {
        NDList list = new NDList();
        StringBuilder index = new StringBuilder();
        for (String name : firstMoment.keySet()) {
            list.add(firstMoment.get(name));
            list.add(secondMoment.get(name));
            index.append(name).append('\t').append(steps.get(name)).append('\n');
        }
        byte[] bytes = list.isEmpty() ? new byte[0] : list.encode();
        AtomicFiles.write(file, out -> {
            byte[] head = index.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            new java.io.DataOutputStream(out).writeInt(head.length);
            out.write(head);
            out.write(bytes);
        });
    }

    /**
     * Restores what {@link #save} wrote. An empty index restores an optimiser without moments (whatever
     * follows it: kits before this one wrote an empty list's 4 bytes there, which {@link NDList#decode}
     * cannot read back).
     */
    public void load(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(all);
        if (all.length < 4) {
            throw new IOException(file + ": " + all.length + " bytes, shorter than the optimiser state's header");
        }
        int headLen = b.getInt();
        if (headLen < 0 || headLen > all.length - 4) {
            throw new IOException(file + ": the optimiser state's index is " + headLen + " bytes, the file holds "
                    + (all.length - 4) + " after the header");
        }
        String head = new String(all, 4, headLen, java.nio.charset.StandardCharsets.UTF_8);
        List<String[]> entries = new ArrayList<>();
        for (String line : head.split("\n")) {
            if (!line.isEmpty()) {
                entries.add(line.split("\t"));
            }
        }
        close(firstMoment);
        close(secondMoment);
        steps.clear();
        if (entries.isEmpty()) {
            return;
        }
        byte[] body = java.util.Arrays.copyOfRange(all, 4 + headLen, all.length);
        NDList list = NDList.decode(manager, body);
        if (list.size() != 2 * entries.size()) {
            list.close();
            throw new IOException(file + ": the optimiser state indexes " + entries.size() + " parameters but holds "
                    + list.size() + " moments (expected " + 2 * entries.size() + ")");
        }
        int i = 0;
        for (String[] parts : entries) {
            firstMoment.put(parts[0], list.get(i++));
            secondMoment.put(parts[0], list.get(i++));
            steps.put(parts[0], Integer.parseInt(parts[1]));
        }
    }

    /** How many parameters have moments (0 before the first step). */
    public int parametersWithMoments() {
        return firstMoment.size();
    }

    private static void close(Map<String, NDArray> m) {
        m.values().forEach(NDArray::close);
        m.clear();
    }

    @Override
    public void close() {
        manager.close();
    }
}
