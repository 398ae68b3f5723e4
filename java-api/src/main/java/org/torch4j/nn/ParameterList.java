package org.torch4j.nn;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.torch4j.Tensor;

/**
 * Parameters registered as "0", "1", ..., as {@code torch.nn.ParameterList}.
 *
 * <pre>{@code
 * final ParameterList scales = new ParameterList();
 * for (int i = 0; i < 4; i++) scales.add(new Parameter(Torch.ones(8)));
 * }</pre>
 */
public class ParameterList extends Module implements Iterable<Parameter> {
    private final List<Parameter> params = new ArrayList<>();

    public ParameterList(Parameter... parameters) {
        for (Parameter p : parameters) {
            add(p);
        }
    }

    /** Appends a parameter under the next index. */
    public ParameterList add(Parameter parameter) {
        Objects.requireNonNull(parameter, "parameter");
        params.add(registerParameter(Integer.toString(params.size()), parameter));
        return this;
    }

    public Parameter get(int index) {
        int i = index < 0 ? index + params.size() : index;
        if (i < 0 || i >= params.size()) {
            throw new IndexOutOfBoundsException("index " + index + " is out of range for a ParameterList of " + params.size() + " parameters");
        }
        return params.get(i);
    }

    public int size() {
        return params.size();
    }

    @Override
    public Iterator<Parameter> iterator() {
        return List.copyOf(params).iterator();
    }

    /** One line per parameter, as PyTorch: {@code (0): Parameter containing: [torch.float32 of size 3x4]}. */
    @Override
    protected String extraRepr() {
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < params.size(); k++) {
            Tensor p = params.get(k);
            StringBuilder size = new StringBuilder();
            for (long d : p.size().toArray()) {
                size.append(size.length() > 0 ? "x" : "").append(d);
            }
            String device = p.device().isCuda() ? " (GPU " + p.device().index() + ")" : "";
            lines.add("  (" + k + "): Parameter containing: [torch." + p.dtype().pyName() + " of size " + size + device + "]");
        }
        return String.join("\n", lines);
    }
}
