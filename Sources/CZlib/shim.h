#ifndef RNNLAB_CZLIB_SHIM_H
#define RNNLAB_CZLIB_SHIM_H
/* zlib (Debian's zlib1g-dev, pkg-config zlib): the CRC-32 of PNG chunks and the Adler-32 of their
   zlib streams; a candidate of the deflate trial (README, Speed), whose streams it also checks. */
#include <zlib.h>
#endif
