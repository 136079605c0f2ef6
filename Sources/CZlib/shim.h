// zlib 1.2; the include path comes from pkg-config (zlib.pc). GANIO reads gzip-compressed IDX
// files through its gz* stream functions.
#include <zlib.h>
