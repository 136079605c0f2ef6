// Open MPI 4 (Debian's libopenmpi-dev); the include path comes from pkg-config (ompi-c.pc).
// MPI's handles and MPI_IN_PLACE are macros Swift cannot import; these functions return them.
#include <mpi.h>

static inline MPI_Comm gk_mpi_comm_world(void) { return MPI_COMM_WORLD; }
static inline MPI_Datatype gk_mpi_float(void) { return MPI_FLOAT; }
static inline MPI_Op gk_mpi_sum(void) { return MPI_SUM; }
static inline void *gk_mpi_in_place(void) { return MPI_IN_PLACE; }
static inline MPI_Errhandler gk_mpi_errors_return(void) { return MPI_ERRORS_RETURN; }
static inline MPI_Datatype gk_mpi_int(void) { return MPI_INT; }
static inline MPI_Status *gk_mpi_status_ignore(void) { return MPI_STATUS_IGNORE; }
static inline MPI_Request gk_mpi_request_null(void) { return MPI_REQUEST_NULL; }
