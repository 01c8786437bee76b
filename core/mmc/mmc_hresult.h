/* How the MMC layer gets the IMAPI HRESULT constants. include/imapi2error.h
 * casts them to HRESULT when _WIN32 is defined, but the portable core is built
 * for Windows without windows.h, where HRESULT does not exist. Declare it the
 * way the Windows headers do (same guard, same type: a 32-bit long), so the
 * constants work with or without windows.h included before or after us. */
#ifndef IMAPI_MMC_HRESULT_H
#define IMAPI_MMC_HRESULT_H

#include <stdint.h>

#if defined(_WIN32) && !defined(_HRESULT_DEFINED)
#define _HRESULT_DEFINED
typedef long HRESULT;
#endif

#include "imapi2error.h"

#endif
