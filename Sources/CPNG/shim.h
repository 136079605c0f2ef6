// libpng 1.6; the include path comes from pkg-config (libpng.pc).
#include <png.h>
