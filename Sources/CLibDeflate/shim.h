#ifndef RNNLAB_CLIBDEFLATE_SHIM_H
#define RNNLAB_CLIBDEFLATE_SHIM_H
/* libdeflate (Debian's libdeflate-dev, pkg-config libdeflate): whole-buffer DEFLATE compression. */
#include <libdeflate.h>
#endif
