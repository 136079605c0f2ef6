// Line-buffered standard output for the gankit command line (GANKitCLI.main).
#include <stdio.h>
#include "CKernels.h"

void gk_line_buffer_stdout(void) { setvbuf(stdout, NULL, _IOLBF, 0); }
