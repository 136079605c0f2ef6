// The process's CPU affinity, for GANTensor's thread count (Parallel.swift).
#define _GNU_SOURCE
#include "CKernels.h"

#ifdef __linux__
#include <sched.h>

int gk_allowed_cpus(void) {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) != 0) return 0;
    return CPU_COUNT(&set);
}
#else
int gk_allowed_cpus(void) { return 0; }
#endif
