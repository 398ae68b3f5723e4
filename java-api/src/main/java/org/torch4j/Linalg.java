package org.torch4j;

import org.bytedeco.pytorch.T_TensorTensorTensorTensor_T;
import org.bytedeco.pytorch.T_TensorTensorTensor_T;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.global.torch;

/**
 * Linear algebra, PyTorch's {@code torch.linalg}.
 *
 * <pre>{@code
 * Tensor q = Linalg.lstsq(m, y.view(3, 1)).solution();    // the lecture's gels
 * Linalg.Eigh e = Linalg.eigh(symmetric);
 * }</pre>
 */
public final class Linalg {
    static {
        Ops.init();
    }

    private Linalg() {}

    /** Result of {@link #lstsq}: as {@code torch.linalg.lstsq}. */
    public record Lstsq(Tensor solution, Tensor residuals, Tensor rank, Tensor singularValues) {}

    /** Eigen-decomposition of a symmetric matrix: ascending real eigenvalues and orthonormal eigenvectors. */
    public record Eigh(Tensor eigenvalues, Tensor eigenvectors) {}

    /**
     * Eigen-decomposition of a general matrix. PyTorch returns complex tensors; torch4j has no complex
     * dtype, so the real and imaginary parts come separately.
     */
    public record Eig(Tensor eigenvaluesReal, Tensor eigenvaluesImag, Tensor eigenvectorsReal, Tensor eigenvectorsImag) {}

    /** {@code A = U diag(S) Vh}, reduced ({@code full_matrices=False}) unless asked otherwise. */
    public record Svd(Tensor u, Tensor s, Tensor vh) {}

    /** {@code A = Q R}. */
    public record Qr(Tensor q, Tensor r) {}

    /** The solution {@code X} of {@code A X = B}. */
    public static Tensor solve(Tensor a, Tensor b) {
        return Ops.op(() -> torch.linalg_solve(a.n(), b.n()));
    }

    /** Least-squares solution of {@code A X = B} (the lecture's {@code torch.gels}). */
    public static Lstsq lstsq(Tensor a, Tensor b) {
        T_TensorTensorTensorTensor_T r = Ops.value(() -> torch.linalg_lstsq(a.n(), b.n()));
        try (r) {
            return new Lstsq(Ops.adoptCopy(r.get0()), Ops.adoptCopy(r.get1()), Ops.adoptCopy(r.get2()),
                    Ops.adoptCopy(r.get3()));
        }
    }

    public static Eigh eigh(Tensor a) {
        T_TensorTensor_T r = Ops.value(() -> torch.linalg_eigh(a.n()));
        try (r) {
            return new Eigh(Ops.adoptCopy(r.get0()), Ops.adoptCopy(r.get1()));
        }
    }

    public static Eig eig(Tensor a) {
        T_TensorTensor_T r = Ops.value(() -> torch.linalg_eig(a.n()));
        try (r) {
            org.bytedeco.pytorch.Tensor values = r.get0();
            org.bytedeco.pytorch.Tensor vectors = r.get1();
            return new Eig(Ops.op(() -> torch.real(values).clone()), Ops.op(() -> torch.imag(values).clone()),
                    Ops.op(() -> torch.real(vectors).clone()), Ops.op(() -> torch.imag(vectors).clone()));
        }
    }

    public static Svd svd(Tensor a) {
        return svd(a, false);
    }

    public static Svd svd(Tensor a, boolean fullMatrices) {
        T_TensorTensorTensor_T r;
        try (org.bytedeco.pytorch.StringViewOptional defaultDriver = new org.bytedeco.pytorch.StringViewOptional()) {
            r = Ops.value(() -> torch.linalg_svd(a.n(), fullMatrices, defaultDriver));
        }
        try (r) {
            return new Svd(Ops.adoptCopy(r.get0()), Ops.adoptCopy(r.get1()), Ops.adoptCopy(r.get2()));
        }
    }

    public static Qr qr(Tensor a) {
        T_TensorTensor_T r = Ops.value(() -> torch.linalg_qr(a.n()));
        try (r) {
            return new Qr(Ops.adoptCopy(r.get0()), Ops.adoptCopy(r.get1()));
        }
    }

    /** Lower-triangular {@code L} with {@code A = L L^T}. */
    public static Tensor cholesky(Tensor a) {
        return Ops.op(() -> torch.linalg_cholesky(a.n()));
    }

    public static Tensor inv(Tensor a) {
        return Ops.op(() -> torch.linalg_inv(a.n()));
    }

    public static Tensor det(Tensor a) {
        return Ops.op(() -> torch.linalg_det(a.n()));
    }

    public static Tensor norm(Tensor a) {
        return a.norm();
    }
}
