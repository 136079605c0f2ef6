// OpenBLAS's CBLAS interface; the include path comes from pkg-config (openblas.pc).
#include <cblas.h>

// LAPACK routines that libopenblas exports but cblas.h does not declare (Fortran calling
// convention: every argument by pointer; blasint is OpenBLAS's integer, from openblas_config.h).

/// Eigenvalues (ascending) and optionally eigenvectors of a real symmetric matrix, divide and
/// conquer (LAPACK dsyevd). jobz 'N' values only, 'V' vectors too; uplo 'U' or 'L'.
void dsyevd_(const char *jobz, const char *uplo, const blasint *n, double *a, const blasint *lda, double *w,
             double *work, const blasint *lwork, blasint *iwork, const blasint *liwork, blasint *info);
