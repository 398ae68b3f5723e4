package org.torch4j;

/**
 * Two tensors that belong together, such as an input batch and its targets.
 *
 * <pre>{@code
 * for (TensorPair batch : Torch.zip(input.split(100), target.split(100))) {
 *     Tensor loss = criterion.forward(model.forward(batch.first()), batch.second());
 * }
 * }</pre>
 */
public record TensorPair(Tensor first, Tensor second) {}
