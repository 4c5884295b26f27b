#ifndef RNNLAB_CCAIRO_SHIM_H
#define RNNLAB_CCAIRO_SHIM_H
#include <cairo/cairo.h>
#include <cairo/cairo-pdf.h>
#include <cairo/cairo-svg.h>
/* zlib (a dependency of Cairo's own PNG support) compresses the PNG files RNNLab writes. */
#include <zlib.h>
#endif
