/*
 * The BLAS kernel alone: times a square fp32 GEMM (sgemm_, no transposes) called directly through one OpenBLAS
 * library, so that the per-op matmul figures can be split into the kernel and what the framework adds.
 * run.sh points it at the OpenBLAS that LibTorch loaded in a torch4j JVM and at the one PyTorch's Python loaded,
 * alternating, under the same environment (OpenBLAS reads OPENBLAS_CORETYPE when it loads).
 *
 *   sgemm_probe LIB config                       prints the library's build and the core it chose
 *   sgemm_probe LIB N ROUNDS ITEM VARIANT        ROUNDS rounds of about 10 ms on one thread; prints one
 *                                                "sgemm<TAB>ITEM<TAB>VARIANT<TAB>us<TAB>us/op" line per round
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef void (*sgemm_fn)(const char *, const char *, const int *, const int *, const int *, const float *,
                         const float *, const int *, const float *, const int *, const float *, float *, const int *);
typedef char *(*string_fn)(void);
typedef void (*set_threads_fn)(int);

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static void *symbol(void *lib, const char *name, const char *path) {
    void *s = dlsym(lib, name);
    if (!s) {
        fprintf(stderr, "sgemm_probe: %s has no %s\n", path, name);
        exit(2);
    }
    return s;
}

int main(int argc, char **argv) {
    if (argc != 3 && argc != 6) {
        fprintf(stderr, "usage: sgemm_probe LIB config | sgemm_probe LIB N ROUNDS ITEM VARIANT\n");
        return 2;
    }
    void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        fprintf(stderr, "sgemm_probe: %s\n", dlerror());
        return 2;
    }
    if (argc == 3) {
        string_fn config = (string_fn) symbol(lib, "openblas_get_config", argv[1]);
        string_fn core = (string_fn) symbol(lib, "openblas_get_corename", argv[1]);
        printf("%s, core %s\n", config(), core());
        return 0;
    }
    sgemm_fn sgemm = (sgemm_fn) symbol(lib, "sgemm_", argv[1]);
    /* One thread, as torch4j holds OpenBLAS by default; a 64x64 product stays on one thread anyway. */
    ((set_threads_fn) symbol(lib, "openblas_set_num_threads", argv[1]))(1);
    int n = atoi(argv[2]), rounds = atoi(argv[3]);
    if (n < 1 || n > 4096 || rounds < 1) {
        fprintf(stderr, "sgemm_probe: expected N in 1-4096 and ROUNDS >= 1, got %s %s\n", argv[2], argv[3]);
        return 2;
    }
    float *a = malloc(sizeof(float) * n * n), *b = malloc(sizeof(float) * n * n), *c = malloc(sizeof(float) * n * n);
    for (int i = 0; i < n * n; i++) {
        a[i] = (float) (i % 7) * 0.1f;
        b[i] = (float) (i % 5) * 0.2f;
    }
    const float one = 1, zero = 0;
    /* Warm-up, then size a round to about 10 ms. */
    double t0 = now_ns();
    for (int i = 0; i < 200; i++) sgemm("N", "N", &n, &n, &n, &one, a, &n, b, &n, &zero, c, &n);
    long calls = (long) (10e6 / ((now_ns() - t0) / 200));
    if (calls < 1) calls = 1;
    for (int r = 0; r < rounds; r++) {
        t0 = now_ns();
        for (long i = 0; i < calls; i++) sgemm("N", "N", &n, &n, &n, &one, a, &n, b, &n, &zero, c, &n);
        printf("sgemm\t%s\t%s\t%.6g\tus/op\n", argv[4], argv[5], (now_ns() - t0) / calls / 1e3);
    }
    free(a);
    free(b);
    free(c);
    return 0;
}
