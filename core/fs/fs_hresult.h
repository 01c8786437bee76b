/* The IMAPI2FS HRESULTs as plain int32_t inside the core, which has no windows.h
 * (the shared header otherwise casts to HRESULT on _WIN32). */
#ifndef IMAPI_FS_HRESULT_H
#define IMAPI_FS_HRESULT_H
#include <stdint.h>
#ifndef _HRESULT_TYPEDEF_
# define _HRESULT_TYPEDEF_(sc) ((int32_t)(sc))
#endif
#include "imapi2fserror.h"
#endif
