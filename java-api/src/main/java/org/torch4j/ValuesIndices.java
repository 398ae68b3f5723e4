package org.torch4j;

/**
 * The pair that {@code max(dim)}, {@code min(dim)} and similar reductions return, as PyTorch's
 * {@code torch.return_types.max(values=..., indices=...)}.
 *
 * <pre>{@code
 * ValuesIndices m = x.max(1);
 * Tensor predicted = m.indices();
 * }</pre>
 */
public record ValuesIndices(Tensor values, Tensor indices) {}
