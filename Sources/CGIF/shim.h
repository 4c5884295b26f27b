#ifndef RNNLAB_CGIF_SHIM_H
#define RNNLAB_CGIF_SHIM_H
/* giflib (Debian: libgif-dev) writes and reads the animations (`rnnlab animate`). */
#include <gif_lib.h>
#endif
