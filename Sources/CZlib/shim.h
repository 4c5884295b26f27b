#ifndef RNNLAB_CZLIB_SHIM_H
#define RNNLAB_CZLIB_SHIM_H
/* zlib (Debian's zlib1g-dev, pkg-config zlib): the CRC-32 of PNG chunks, and the candidates and
   the checks of the deflate trial in rnnlab-bench. */
#include <zlib.h>
#endif
