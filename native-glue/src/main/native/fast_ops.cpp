// torch4j's own entry points into LibTorch for a few hot tensor ops (org.torch4j.glue.FastOps).
//
// Why: a bytedeco call returning a tensor by value makes JavaCPP heap-copy the result and build a new Java
// object through a native-to-Java up-call plus a GC reference: about 40% of a 1-element add. Here the result
// is constructed in place in an at::Tensor holder the caller already owns (an undefined tensor from
// torch4j's pool), and nothing comes back but success or a Java exception.
//
// No LibTorch headers are needed (the bytedeco jars ship none): the few declarations below are enough for
// the C++ ABI. at::Tensor is one intrusive pointer with a non-trivial destructor, so it is returned through a
// hidden result pointer (here: the holder); the operators are LibTorch's dispatcher entry points
// at::_ops::<op>::call, whose mangled names encode their argument types, so a LibTorch whose signature
// differs fails to load this library (it is linked with -z now) and torch4j keeps bytedeco's path.
// Built by build.sh; with -DTORCH4J_STUB_TORCH_CPU or -DTORCH4J_STUB_C10 the same declarations become the
// link-time stand-ins for libtorch_cpu.so and libc10.so (only their sonames and symbol names matter: at run
// time JavaCPP has loaded the real libraries).
#include <new>
#include <exception>
#include <stdexcept>
#if !defined(TORCH4J_STUB_TORCH_CPU) && !defined(TORCH4J_STUB_C10)
#include <jni.h>
#endif

namespace c10 {
class Scalar;
struct UndefinedTensorImpl {
    static char _singleton;  // really an UndefinedTensorImpl; only its address is used
};
}  // namespace c10

namespace at {
class Tensor {
    void* impl_;
public:
    Tensor(const Tensor&);
    ~Tensor();
    friend bool isUndefinedHolder(const void* holder);
};

namespace _ops {
#define TORCH4J_UNARY(name) struct name { static Tensor call(const Tensor&); };
#define TORCH4J_BINARY(name) struct name { static Tensor call(const Tensor&, const Tensor&); };
#define TORCH4J_BINARY_ALPHA(name) struct name { static Tensor call(const Tensor&, const Tensor&, const c10::Scalar&); };
TORCH4J_UNARY(relu) TORCH4J_UNARY(neg) TORCH4J_UNARY(exp) TORCH4J_UNARY(tanh) TORCH4J_UNARY(sigmoid)
TORCH4J_UNARY(abs) TORCH4J_UNARY(log) TORCH4J_UNARY(sqrt) TORCH4J_UNARY(sin) TORCH4J_UNARY(cos)
TORCH4J_BINARY(mul_Tensor) TORCH4J_BINARY(div_Tensor) TORCH4J_BINARY(matmul) TORCH4J_BINARY(mm) TORCH4J_BINARY(bmm)
TORCH4J_BINARY(pow_Tensor_Tensor) TORCH4J_BINARY(maximum) TORCH4J_BINARY(minimum)
TORCH4J_BINARY_ALPHA(add_Tensor) TORCH4J_BINARY_ALPHA(sub_Tensor)
}  // namespace _ops
}  // namespace at

#if defined(TORCH4J_STUB_C10)

char c10::UndefinedTensorImpl::_singleton;

#elif defined(TORCH4J_STUB_TORCH_CPU)

#define TORCH4J_TRAP { __builtin_trap(); }
at::Tensor at::_ops::relu::call(const Tensor&) TORCH4J_TRAP
at::Tensor at::_ops::neg::call(const Tensor&) TORCH4J_TRAP
at::Tensor at::_ops::exp::call(const Tensor&) TORCH4J_TRAP
at::Tensor at::_ops::tanh::call(const Tensor&) TORCH4J_TRAP
at::Tensor at::_ops::sigmoid::call(const Tensor&) TORCH4J_TRAP
at::Tensor at::_ops::abs::call(const Tensor&) TORCH4J_TRAP
at::Tensor at::_ops::log::call(const Tensor&) TORCH4J_TRAP
at::Tensor at::_ops::sqrt::call(const Tensor&) TORCH4J_TRAP
at::Tensor at::_ops::sin::call(const Tensor&) TORCH4J_TRAP
at::Tensor at::_ops::cos::call(const Tensor&) TORCH4J_TRAP
at::Tensor at::_ops::mul_Tensor::call(const Tensor&, const Tensor&) TORCH4J_TRAP
at::Tensor at::_ops::div_Tensor::call(const Tensor&, const Tensor&) TORCH4J_TRAP
at::Tensor at::_ops::matmul::call(const Tensor&, const Tensor&) TORCH4J_TRAP
at::Tensor at::_ops::mm::call(const Tensor&, const Tensor&) TORCH4J_TRAP
at::Tensor at::_ops::bmm::call(const Tensor&, const Tensor&) TORCH4J_TRAP
at::Tensor at::_ops::pow_Tensor_Tensor::call(const Tensor&, const Tensor&) TORCH4J_TRAP
at::Tensor at::_ops::maximum::call(const Tensor&, const Tensor&) TORCH4J_TRAP
at::Tensor at::_ops::minimum::call(const Tensor&, const Tensor&) TORCH4J_TRAP
at::Tensor at::_ops::add_Tensor::call(const Tensor&, const Tensor&, const c10::Scalar&) TORCH4J_TRAP
at::Tensor at::_ops::sub_Tensor::call(const Tensor&, const Tensor&, const c10::Scalar&) TORCH4J_TRAP

#else

namespace {
using at::Tensor;

const Tensor& t(jlong address) { return *reinterpret_cast<const Tensor*>(address); }

// Op codes: the order of FastOps.Unary and FastOps.Binary.
Tensor unary(jint op, const Tensor& self) {
    switch (op) {
        case 0: return at::_ops::relu::call(self);
        case 1: return at::_ops::neg::call(self);
        case 2: return at::_ops::exp::call(self);
        case 3: return at::_ops::tanh::call(self);
        case 4: return at::_ops::sigmoid::call(self);
        case 5: return at::_ops::abs::call(self);
        case 6: return at::_ops::log::call(self);
        case 7: return at::_ops::sqrt::call(self);
        case 8: return at::_ops::sin::call(self);
        case 9: return at::_ops::cos::call(self);
        default: throw std::invalid_argument("torch4j: unknown unary op code");
    }
}

Tensor binary(jint op, const Tensor& a, const Tensor& b, const c10::Scalar& one) {
    switch (op) {
        case 0: return at::_ops::add_Tensor::call(a, b, one);
        case 1: return at::_ops::sub_Tensor::call(a, b, one);
        case 2: return at::_ops::mul_Tensor::call(a, b);
        case 3: return at::_ops::div_Tensor::call(a, b);
        case 4: return at::_ops::matmul::call(a, b);
        case 5: return at::_ops::mm::call(a, b);
        case 6: return at::_ops::bmm::call(a, b);
        case 7: return at::_ops::pow_Tensor_Tensor::call(a, b);
        case 8: return at::_ops::maximum::call(a, b);
        case 9: return at::_ops::minimum::call(a, b);
        default: throw std::invalid_argument("torch4j: unknown binary op code");
    }
}

void throwJava(JNIEnv* env, const char* type, const char* message) {
    jclass c = env->FindClass(type);
    if (c != nullptr) {
        env->ThrowNew(c, message);
    }
}
}  // namespace

namespace at {
// An undefined at::Tensor points at the UndefinedTensorImpl singleton, which is not reference counted, so
// constructing over it releases nothing. Anything else would be a live tensor leaked by the overwrite.
bool isUndefinedHolder(const void* holder) {
    return static_cast<const Tensor*>(holder)->impl_ == &c10::UndefinedTensorImpl::_singleton;
}
}  // namespace at

namespace {
// Refuses what would crash instead of failing: a null tensor (a bytedeco object closed behind torch4j's back)
// or a holder that is not empty (constructing over a live tensor would leak it).
bool usable(JNIEnv* env, jlong out, jlong a, jlong b) {
    if (a == 0 || b == 0) {
        throwJava(env, "java/lang/NullPointerException", "This pointer address is NULL.");
        return false;
    }
    if (out == 0 || !at::isUndefinedHolder(reinterpret_cast<void*>(out))) {
        throwJava(env, "java/lang/IllegalStateException", "torch4j: the result holder is null or not empty");
        return false;
    }
    return true;
}
}  // namespace

// The messages match those bytedeco's generated code throws: std::exception::what() in a RuntimeException.
#define TORCH4J_INTO(out, expr)                                                              \
    try {                                                                                    \
        new (reinterpret_cast<void*>(out)) Tensor(expr);                                     \
    } catch (const std::exception& e) {                                                      \
        throwJava(env, "java/lang/RuntimeException", e.what());                              \
    } catch (...) {                                                                          \
        throwJava(env, "java/lang/RuntimeException", "unknown C++ exception in LibTorch");   \
    }

extern "C" {
JNIEXPORT void JNICALL Java_org_torch4j_glue_FastOps_unary(JNIEnv* env, jclass, jint op, jlong out, jlong self) {
    if (!usable(env, out, self, self)) {
        return;
    }
    TORCH4J_INTO(out, unary(op, t(self)))
}

JNIEXPORT void JNICALL Java_org_torch4j_glue_FastOps_binary(JNIEnv* env, jclass, jint op, jlong out, jlong a,
        jlong b, jlong one) {
    if (!usable(env, out, a, b)) {
        return;
    }
    TORCH4J_INTO(out, binary(op, t(a), t(b), *reinterpret_cast<const c10::Scalar*>(one)))
}
}

#endif
