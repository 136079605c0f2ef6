// GK_CLONES: compile a kernel once per x86-64 vector extension (AVX-512, AVX2, baseline), the
// widest the machine has chosen at load time (ifunc, so ELF and clang only; elsewhere one plain
// build). Private to CKernels' C files.
#ifndef GANKIT_TARGET_CLONES_H
#define GANKIT_TARGET_CLONES_H

#if defined(__x86_64__) && defined(__ELF__) && defined(__clang__)
#define GK_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define GK_CLONES
#endif

#endif
