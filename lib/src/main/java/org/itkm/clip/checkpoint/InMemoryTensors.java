package org.itkm.clip.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.itkm.clip.HostTensor;
import org.itkm.clip.TensorSource;

/** Tensors already in Java memory (a converted TorchScript archive, a model being saved). */
public final class InMemoryTensors implements TensorSource {
    private final Map<String, HostTensor> tensors;
    private final String origin;

    public InMemoryTensors(Map<String, HostTensor> tensors, String origin) {
        this.tensors = new LinkedHashMap<>(tensors);
        this.origin = origin;
    }

    /** The tensors by name, in insertion order (unmodifiable). */
    public Map<String, HostTensor> asMap() {
        return Collections.unmodifiableMap(tensors);
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(tensors.keySet());
    }

    @Override
    public long[] shape(String name) {
        return tensors.get(name).shape().clone();
    }

    @Override
    public HostTensor read(String name) {
        return tensors.get(name);
    }

    @Override
    public String origin() {
        return origin;
    }
}
