package org.torch4j;

import org.torch4j.glue.HandleScope;

/**
 * Deterministic release of native memory: every tensor created on this thread while the scope is the
 * innermost open one is released when it closes, except those handed out with {@link #keep}.
 *
 * <pre>{@code
 * Tensor total;
 * try (var scope = Scope.open()) {
 *     Tensor loss = criterion.forward(model.forward(x), y);   // intermediates: released at close
 *     loss.backward();
 *     total = scope.keep(loss.detach());                      // survives the scope
 * }
 * }</pre>
 *
 * Scopes nest; a kept tensor moves to the enclosing scope, or, from the outermost one, to the GC
 * safety net. Parameters and optimizer state never belong to a transient scope.
 */
public final class Scope implements AutoCloseable {
    private final HandleScope scope;

    private Scope(HandleScope scope) {
        this.scope = scope;
    }

    /** Opens a scope on this thread, nested in the current innermost one. */
    public static Scope open() {
        return new Scope(HandleScope.open());
    }

    /** Hands {@code t} out of this scope (to the enclosing one) and returns it. */
    public Tensor keep(Tensor t) {
        scope.keep(t, t.handle());
        return t;
    }

    /** Hands each tensor out of this scope. */
    public void keep(Tensor... ts) {
        for (Tensor t : ts) {
            keep(t);
        }
    }

    /** Number of tensors this scope still owns. */
    public int size() {
        return scope.size();
    }

    /** Releases every tensor this scope still owns. */
    @Override
    public void close() {
        scope.close();
    }
}
